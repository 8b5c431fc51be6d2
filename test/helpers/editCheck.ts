/**
 * "Edits are exact", checked generically for any code action, including fixes written
 * later: apply the action's edit, then
 * - every logical line and comment the edit's ranges do not touch is still there,
 *   byte-for-byte and with the same continuation lines (whole lines the edit inserts or
 *   deletes are allowed to come and go);
 * - the result has no more syntax errors than before;
 * - the diagnostic the action targets is gone.
 */
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { LogicalLine, splitLogicalLines } from '../../server/core/syntax/logicalLines';
import { rangeProblems, textInfo } from './invariants';

/** uri -> text. */
export type Texts = Map<string, string>;

/** One edit in document offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Applied {
  /** The texts after the edit (files the action does not edit are unchanged). */
  after: Texts;
  /** The edits per uri, in offsets of the text before. */
  edits: Map<string, OffsetEdit[]>;
  problems: string[];
}

/** Codes whose count must not grow: the result must still parse. */
const PARSE_CODES = ['syntax-error', 'expansion-syntax', 'not-postfix-config'];

/** The action's text edits per uri, or a problem when it does something else. */
function editsOf(action: CodeAction): { byUri: Map<string, TextEdit[]>; problems: string[] } {
  const byUri = new Map<string, TextEdit[]>();
  const problems: string[] = [];
  const add = (uri: string, edits: TextEdit[]): void => {
    byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
  };
  for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) add(uri, edits);
  for (const change of action.edit?.documentChanges ?? []) {
    if ('textDocument' in change) add(change.textDocument.uri, change.edits as TextEdit[]);
    else problems.push(`"${action.title}": a quick-fix creates, renames or deletes a file (${change.kind})`);
  }
  return { byUri, problems };
}

/** Applies a code action's edit to `before`. */
export function applyAction(before: Texts, action: CodeAction): Applied {
  const { byUri, problems } = editsOf(action);
  const after = new Map(before);
  const edits = new Map<string, OffsetEdit[]>();
  if (!action.title?.trim()) problems.push('a code action without a title');
  for (const [uri, textEdits] of byUri) {
    const text = before.get(uri);
    if (text === undefined) {
      problems.push(`"${action.title}": edits ${uri}, which is not part of the configuration`);
      continue;
    }
    const info = textInfo(text);
    const offsets: OffsetEdit[] = [];
    for (const [i, edit] of textEdits.entries()) {
      const bad = rangeProblems(edit.range, text, `"${action.title}" edit ${i}`);
      if (bad.length) {
        problems.push(...bad);
        continue;
      }
      offsets.push({ start: info.index.offset(edit.range.start), end: info.index.offset(edit.range.end), newText: edit.newText });
    }
    offsets.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < offsets.length; i++) {
      if (offsets[i].start < offsets[i - 1].end) problems.push(`"${action.title}": edits overlap at offset ${offsets[i].start}`);
    }
    let result = text;
    for (const e of [...offsets].reverse()) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
    after.set(uri, result);
    edits.set(uri, offsets);
  }
  return { after, edits, problems };
}

/** Whether an edit changes the content of [start, end) (a line or a comment). */
function touches(edit: OffsetEdit, start: number, end: number): boolean {
  if (edit.start < edit.end) return edit.start < end && edit.end > start && !(edit.end === start || edit.start === end);
  const at = edit.start;
  if (at > start && at < end) return true;
  // Inserting whole lines before or after it leaves it alone; anything else at its edge changes it.
  if (at === start) return !edit.newText.endsWith('\n') && edit.newText.length > 0;
  if (at === end) return !edit.newText.startsWith('\n') && !edit.newText.startsWith('\r') && edit.newText.length > 0;
  return false;
}

/** Where an offset of the old text ends up, for offsets no edit covers. */
function shift(edits: readonly OffsetEdit[], offset: number): number {
  let delta = 0;
  // An insertion exactly at `offset` goes before the character there, so it counts.
  for (const e of edits) if (e.end <= offset) delta += e.newText.length - (e.end - e.start);
  return offset + delta;
}

/** The last texts split into logical lines: every action on one input splits the same "before". */
const splitCache: { text: string; split: ReturnType<typeof splitLogicalLines> }[] = [];

function split(text: string): ReturnType<typeof splitLogicalLines> {
  const known = splitCache.find((c) => c.text === text);
  if (known) return known.split;
  const result = splitLogicalLines(text);
  splitCache.unshift({ text, split: result });
  splitCache.length = Math.min(splitCache.length, 2);
  return result;
}

/** Whether before[a, a + length) and after[b, b + length) hold the same characters. */
function sameText(before: string, a: number, after: string, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (before.charCodeAt(a + i) !== after.charCodeAt(b + i)) return false;
  return true;
}

/** Problems with the untouched part of one file after the edit. */
export function untouchedProblems(before: string, after: string, edits: readonly OffsetEdit[], title: string): string[] {
  const problems: string[] = [];
  const old = split(before);
  const now = splitLogicalLines(after);
  // The same physical pieces, byte for byte (continuation lines included).
  const samePieces = (was: LogicalLine, is: LogicalLine): boolean =>
    was.pieces.length === is.pieces.length &&
    was.pieces.every((p, i) => {
      const q = is.pieces[i];
      return p.end - p.start === q.end - q.start && sameText(before, p.start, after, q.start, p.end - p.start);
    });
  // Untouched lines keep their order and only move by what the edits before them add:
  // walk both lists together instead of looking each line up.
  let j = 0;
  for (const line of old.lines) {
    if (edits.some((e) => touches(e, line.start, line.end))) continue;
    const at = shift(edits, line.start);
    while (j < now.lines.length && now.lines[j].start < at) j++;
    const moved = now.lines[j]?.start === at ? now.lines[j] : undefined;
    if (!moved || !samePieces(line, moved)) {
      problems.push(`"${title}" changed line ${line.line + 1} (${JSON.stringify(line.text.slice(0, 40))}), which its edit does not touch`);
    }
  }
  const newComments = new Map(now.comments.map((c) => [c.start, c]));
  for (const comment of old.comments) {
    if (edits.some((e) => touches(e, comment.start, comment.end))) continue;
    const moved = newComments.get(shift(edits, comment.start));
    if (!moved || moved.text !== comment.text) problems.push(`"${title}" changed the comment on line ${comment.line + 1}, which its edit does not touch`);
  }
  return problems;
}

/**
 * Counts diagnostics by code, with those a too-many-problems or not-postfix-config
 * diagnostic says are left out (its data.hidden): in a file over the cap, or judged not a
 * configuration, the diagnostics shown are a cut, and a fix can move that cut without
 * removing or adding anything.
 */
const HIDING_CODES = ['too-many-problems', 'not-postfix-config'];

function countByCode(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (code: string, n: number): void => {
    counts.set(code, (counts.get(code) ?? 0) + n);
  };
  for (const d of diagnostics) {
    add(String(d.code), 1);
    const hidden = HIDING_CODES.includes(String(d.code)) ? (d.data as { hidden?: Record<string, unknown> } | undefined)?.hidden : undefined;
    for (const [code, n] of Object.entries(hidden ?? {})) if (typeof n === 'number') add(code, n);
  }
  return counts;
}

export interface VerifyInput {
  action: CodeAction;
  applied: Applied;
  before: Texts;
  /** Diagnostics per uri before and after the edit. */
  diagnosticsBefore: Map<string, Diagnostic[]>;
  diagnosticsAfter: Map<string, Diagnostic[]>;
  /** The diagnostic the action was asked for, and the uri it is on. */
  target: Diagnostic;
  targetUri: string;
}

/** Every problem with an applied action: untouched text changed, new parse errors, target left. */
export function verifyAction(input: VerifyInput): string[] {
  const { action, applied, before, diagnosticsBefore, diagnosticsAfter, target, targetUri } = input;
  const problems = [...applied.problems];
  for (const [uri, edits] of applied.edits) problems.push(...untouchedProblems(before.get(uri)!, applied.after.get(uri)!, edits, action.title));
  for (const uri of applied.edits.keys()) {
    const was = countByCode(diagnosticsBefore.get(uri) ?? []);
    const now = countByCode(diagnosticsAfter.get(uri) ?? []);
    for (const code of PARSE_CODES) {
      if ((now.get(code) ?? 0) > (was.get(code) ?? 0)) problems.push(`"${action.title}" leaves a file that no longer parses: ${code} ${was.get(code) ?? 0} -> ${now.get(code)}`);
    }
  }
  const code = String(target.code);
  const was = countByCode(diagnosticsBefore.get(targetUri) ?? []).get(code) ?? 0;
  const now = countByCode(diagnosticsAfter.get(targetUri) ?? []).get(code) ?? 0;
  if (applied.edits.size && now >= was) problems.push(`"${action.title}" does not remove the ${code} diagnostic it targets (${was} before, ${now} after)`);
  return problems;
}
