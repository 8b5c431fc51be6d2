/**
 * Building blocks for quick-fixes: find what a diagnostic points at in the current parse,
 * and turn document offsets into one CodeAction with a WorkspaceEdit. Every fix edits
 * only the text its title names; other lines, comments and line endings stay as they are.
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { SourceFile } from '../document';
import { LogicalLine } from '../syntax/logicalLines';
import { lastAtOrBefore } from '../sortedSearch';
import { SOURCE } from '../toDiagnostic';

/**
 * The quick-fixes `table` builds for the diagnostics of a request, looked up by code: only
 * this product's diagnostics (another extension's codes are not ours to fix), and only a
 * table's own keys (a code such as "constructor" finds nothing).
 */
export function fixesFor<C>(table: Readonly<Record<string, (ctx: C, diagnostic: Diagnostic) => CodeAction[]>>, ctx: C, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const build = Object.prototype.hasOwnProperty.call(table, diagnostic.code) ? table[diagnostic.code] : undefined;
    if (build) actions.push(...build(ctx, diagnostic));
  }
  return actions;
}

/** A replacement of document offsets [start, end) by `text`. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** The document offset where a diagnostic starts. */
export function diagnosticStart(file: SourceFile, diagnostic: Diagnostic): number {
  return file.lines.offset(diagnostic.range.start);
}

/** The document offset where a diagnostic ends. */
export function diagnosticEnd(file: SourceFile, diagnostic: Diagnostic): number {
  return file.lines.offset(diagnostic.range.end);
}

/** The logical line (entry) that holds `offset`, comment lines between its pieces included. */
export function logicalLineAt(file: SourceFile, offset: number): LogicalLine | undefined {
  const index = logicalLineIndexAt(file, offset);
  return index < 0 ? undefined : file.tree.lines[index];
}

/**
 * The index in `file.tree.lines` (and `items`, one per line) of the logical line that
 * holds `offset`, or -1. A binary search: a request should not cost a scan of the file.
 */
export function logicalLineIndexAt(file: SourceFile, offset: number): number {
  const lines = file.tree.lines;
  const lo = lastAtOrBefore(lines, offset, (l) => l.start);
  const line = lines[lo];
  return line && line.start <= offset && offset <= line.end ? lo : -1;
}

/**
 * Edits that delete the physical lines of a logical line, each with its line break.
 * Comment and blank lines between them are kept: they are not part of the entry.
 */
export function deleteLines(file: SourceFile, line: LogicalLine): OffsetEdit[] {
  return line.pieces.map((piece) => {
    const end = file.text[piece.end] === '\n' ? piece.end + 1 : piece.end;
    return { start: piece.start, end, text: '' };
  });
}

/** The line break used by the line holding `offset` ("\r\n" or "\n"). */
export function lineBreakAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** One quick-fix action for `diagnostic`, editing `file`. */
export function quickFix(args: { title: string; file: SourceFile; diagnostic: Diagnostic; edits: OffsetEdit[]; preferred?: boolean }): CodeAction {
  const { title, file, diagnostic, edits, preferred } = args;
  const textEdits: TextEdit[] = edits.map((e) => ({ range: file.lines.range(e.start, e.end), newText: e.text }));
  const action: CodeAction = {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [file.uri]: textEdits } },
  };
  if (preferred) action.isPreferred = true;
  return action;
}

/** Reads a string field of a diagnostic's data. */
export function dataString(diagnostic: Diagnostic, key: string): string | undefined {
  const value = (diagnostic.data as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * An edit that deletes one `-o` option: its whole physical line when the option stands
 * alone on a continuation line, otherwise the option and the blanks before it.
 */
export function deleteOption(file: SourceFile, option: { flag: { start: number }; arg: { end: number } }): OffsetEdit {
  const text = file.text;
  const { start } = option.flag;
  const { end } = option.arg;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const blank = (s: string): boolean => /^[ \t\r]*$/.test(s);
  if (lineStart > 0 && blank(text.slice(lineStart, start)) && /^[ \t]/.test(text.slice(lineStart)) && blank(text.slice(end, lineEnd))) {
    return { start: lineStart, end: Math.min(lineEnd + 1, text.length), text: '' };
  }
  let from = start;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return { start: from, end, text: '' };
}
