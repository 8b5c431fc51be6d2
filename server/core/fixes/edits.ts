/**
 * Text edits on main.cf and master.cf that keep the files' own layout: a main.cf setting
 * replaces the value Postfix uses (the last entry) or is appended; a master.cf -o option
 * replaces the value in effect (the last one) or goes on a continuation line of the
 * entry, indented like the entry's other continuation lines.
 */
import { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { SourceFile } from '../document';
import { MainCf } from '../syntax/mainCf';
import { MasterCf, MasterOption, MasterEntry } from '../syntax/masterCf';
import type { Configuration } from '../model/configuration';
import { optionOf } from '../model/effective';

const replace = (file: SourceFile, span: { start: number; end: number }, newText: string): TextEdit => ({ range: file.lines.range(span.start, span.end), newText });

/** Sets main.cf parameters: replaces the value of the entry in effect, appends the others together. */
export function setMainParameters(
  file: SourceFile<MainCf>, pairs: readonly (readonly [string, string])[], options: { beside?: (name: string) => boolean } = {},
): TextEdit[] {
  return setMainParameterGroups(file, [{ pairs, beside: options.beside }]);
}

/** Settings that belong together, such as one transport's. */
export interface ParameterGroup {
  pairs: readonly (readonly [string, string])[];
  /** Names of the group's own entries: new lines go after the last of them. */
  beside?: (name: string) => boolean;
  /** Lines (comments) that go before the group's new lines, and after them. */
  lead?: readonly string[];
  tail?: readonly string[];
}

/**
 * Sets main.cf parameters in groups (one per transport): each value in effect is replaced
 * where it is; a group's new lines stay together, after the last entry of the group's own
 * (so a transport's settings stay in one place), else in one block at the end of the file.
 */
export function setMainParameterGroups(file: SourceFile<MainCf>, groups: readonly ParameterGroup[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const atEnd: string[] = [];
  for (const { pairs, beside, lead = [], tail = [] } of groups) {
    const appended: string[] = [...lead];
    for (const [name, value] of pairs) {
      const last = lastEntry(file, (n) => n === name);
      if (last) edits.push(replace(file, { start: last.equals + 1, end: Math.max(last.value.end, last.equals + 1) }, ` ${value}`));
      else appended.push(`${name} = ${value}`);
    }
    appended.push(...tail);
    if (!appended.length) continue;
    const anchor = beside && lastEntry(file, beside);
    if (anchor) edits.push(replace(file, { start: anchor.line.end, end: anchor.line.end }, `\n${appended.join('\n')}`));
    else atEnd.push(...appended);
  }
  if (atEnd.length) edits.push(appendLines(file, atEnd));
  return edits;
}

/** Whether a main.cf name is one of `transport`'s own (`orange_destination_rate_delay` for orange). */
export function transportOwns(config: Configuration, transport: string): (name: string) => boolean {
  return (name) => config.names.serviceDefinedFor(name)?.service.serviceText === transport;
}

function lastEntry(file: SourceFile<MainCf>, test: (name: string) => boolean) {
  const entries = file.tree.entries;
  for (let i = entries.length - 1; i >= 0; i--) if (test(entries[i].name.text)) return entries[i];
  return undefined;
}

/** Appends whole lines at the end of a file, starting a new line if the file does not end with one. */
export function appendLines(file: SourceFile, lines: readonly string[]): TextEdit {
  const text = file.text;
  const lead = text.length && !text.endsWith('\n') ? '\n' : '';
  return replace(file, { start: text.length, end: text.length }, `${lead}${lines.join('\n')}\n`);
}

/** The indentation of the entry's continuation lines, or two spaces. */
function continuationIndent(file: SourceFile<MasterCf>, service: MasterEntry): string {
  for (const piece of service.line.pieces.slice(1)) {
    const m = /^[ \t]+/.exec(file.text.slice(piece.start, piece.end));
    if (m) return m[0];
  }
  return '  ';
}

/** Sets `-o name=value` on a service: replaces the value in effect or adds a continuation line. */
export function setServiceOption(file: SourceFile<MasterCf>, service: MasterEntry, setting: { name: string; value: string }): TextEdit {
  const { name, value } = setting;
  const option = optionOf(service, name);
  if (option) {
    if (option.form === 'long') return replace(file, option.value, value);
    return replace(file, { start: option.equals! + 1, end: Math.max(option.value.end, option.equals! + 1) }, value);
  }
  const at = service.line.end;
  return replace(file, { start: at, end: at }, `\n${continuationIndent(file, service)}-o ${name}=${value}`);
}

/** Renames an option's parameter. */
export function renameOption(file: SourceFile<MasterCf>, option: MasterOption, name: string): TextEdit {
  return replace(file, option.name, name);
}

/** Removes an option: its whole physical line when it is alone there, else the words and the blank before. */
export function removeOption(file: SourceFile<MasterCf>, option: MasterOption): TextEdit {
  const text = file.text;
  const start = option.flag.start;
  const end = option.arg.end;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t\r]*$/.test(text.slice(end, lineEnd));
  if (alone && lineStart > 0) return replace(file, { start: lineStart - 1, end: lineEnd }, '');
  let from = start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return replace(file, { start: from, end }, '');
}

/** Replaces a master.cf field's text (e.g. maxproc). */
export function setField(file: SourceFile<MasterCf>, field: { start: number; end: number }, value: string): TextEdit {
  return replace(file, field, value);
}

/** A WorkspaceEdit from edits per file, leaving out files with none. */
export function workspaceEdit(parts: readonly { file?: SourceFile; edits: TextEdit[] }[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const { file, edits } of parts) if (file && edits.length) changes[file.uri] = [...(changes[file.uri] ?? []), ...edits];
  return { changes };
}

