/**
 * Checks that hold for every input, shared by the property tests and the fuzzers. Each
 * returns a list of problems (empty when all is well) instead of throwing, so a fuzzer can
 * record them with the input that caused them.
 */
import { LineIndex } from '../../server/core/lineIndex';
import { LogicalLine, isSpace, splitLogicalLines, toDocOffset } from '../../server/core/syntax/logicalLines';
import { MainCf, ValueText, valueOffsetToDoc } from '../../server/core/syntax/mainCf';
import { MasterCf } from '../../server/core/syntax/masterCf';
import { Expr } from '../../server/core/syntax/expansion';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** A text with its line index and the length of each line's content (without its end of line). */
export interface TextInfo {
  text: string;
  index: LineIndex;
  lengths: number[];
}

const infoCache: TextInfo[] = [];

/** TextInfo for `text`, remembered for the last few texts (checks ask about the same text often). */
export function textInfo(text: string): TextInfo {
  const known = infoCache.find((i) => i.text === text);
  if (known) return known;
  const index = new LineIndex(text);
  const lengths: number[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStart(line);
    const next = line + 1 < index.lineCount ? index.lineStart(line + 1) : text.length;
    // Exactly one end of line ends each line but the last: "\r\n", "\r" or "\n".
    let end = next;
    if (line + 1 < index.lineCount) {
      if (text[end - 1] === '\n') {
        end--;
        if (end > start && text[end - 1] === '\r') end--;
      } else end--;
    }
    lengths.push(end - start);
  }
  const info = { text, index, lengths };
  infoCache.unshift(info);
  infoCache.length = Math.min(infoCache.length, 4);
  return info;
}

/** Problems with an LSP position: a line of the text, a character within that line's content. */
export function positionProblems(pos: unknown, info: TextInfo, what: string): string[] {
  const p = pos as LspPosition | undefined;
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return [`${what}: not a position: ${JSON.stringify(pos)}`];
  const { lengths, text } = info;
  if (p.line < 0 || p.line >= lengths.length) return [`${what}: line ${p.line} outside 0..${lengths.length - 1}`];
  if (p.character < 0 || p.character > lengths[p.line]) return [`${what}: character ${p.character} outside 0..${lengths[p.line]} on line ${p.line}`];
  const offset = info.index.offset(p);
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (offset > 0 && before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) {
    return [`${what}: position ${p.line}:${p.character} splits a surrogate pair`];
  }
  return [];
}

/** Problems with an LSP range: both ends valid and start <= end. */
export function rangeProblems(range: unknown, text: string, what: string): string[] {
  const r = range as LspRange | undefined;
  if (!r || typeof r !== 'object') return [`${what}: not a range: ${JSON.stringify(range)}`];
  const info = textInfo(text);
  const problems = [...positionProblems(r.start, info, `${what} start`), ...positionProblems(r.end, info, `${what} end`)];
  if (!problems.length && (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character))) {
    problems.push(`${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
  }
  return problems;
}

/** Problems with a document offset range: 0 <= start <= end <= length. */
export function offsetProblems(start: number, end: number, length: number, what: string): string[] {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return [`${what}: offsets ${start}..${end} are not integers`];
  if (start < 0 || end > length || start > end) return [`${what}: offsets ${start}..${end} outside 0..${length}`];
  return [];
}

/**
 * Walks any LSP result (hover, completion, symbols, code actions, ...) and checks every
 * range in it: `textOf(uri)` gives the text a range with a uri refers to; a range without
 * one is about `defaultText`.
 */
export function resultRangeProblems(result: unknown, defaultText: string, textOf: (uri: string) => string | undefined, what: string): string[] {
  const problems: string[] = [];
  const check = (range: unknown, text: string, where: string): void => {
    problems.push(...rangeProblems(range, text, where));
  };
  const visit = (node: unknown, text: string, where: string, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 50) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, text, `${where}[${i}]`, depth + 1));
      return;
    }
    const o = node as Record<string, unknown>;
    let here = text;
    const uri = typeof o.uri === 'string' ? o.uri : typeof o.targetUri === 'string' ? o.targetUri : undefined;
    if (uri !== undefined) {
      const target = textOf(uri);
      if (target === undefined) return; // a file we do not know the text of (on disk)
      here = target;
    }
    if (o.changes && typeof o.changes === 'object' && !Array.isArray(o.changes)) {
      for (const [u, edits] of Object.entries(o.changes as Record<string, unknown>)) {
        const target = textOf(u);
        if (target !== undefined) visit(edits, target, `${where}.changes[${u}]`, depth + 1);
      }
    }
    for (const [key, value] of Object.entries(o)) {
      if (key === 'changes' || key === 'data') continue;
      if (RANGE_KEYS.has(key) && isRangeLike(value)) {
        check(value, here, `${where}.${key}`);
      } else visit(value, here, `${where}.${key}`, depth + 1);
    }
  };
  visit(result, defaultText, what, 0);
  return problems;
}

const RANGE_KEYS = new Set(['range', 'selectionRange', 'targetRange', 'targetSelectionRange', 'originSelectionRange', 'insert', 'replace', 'fullRange']);

function isRangeLike(v: unknown): boolean {
  return !!v && typeof v === 'object' && 'start' in (v as object) && 'end' in (v as object);
}

/**
 * Parsing is total: every character of the text is kept by exactly one logical-line piece
 * or comment, or is white space the reader drops; each logical line's text is its pieces
 * joined (cut at a NUL byte, as Postfix cuts it).
 */
export function logicalLineProblems(text: string): string[] {
  const problems: string[] = [];
  const { lines, comments } = splitLogicalLines(text);
  const owner = new Uint8Array(text.length);
  const mark = (start: number, end: number, what: string): void => {
    for (let i = start; i < end; i++) {
      if (owner[i]) {
        problems.push(`${what}: offset ${i} kept twice`);
        return;
      }
      owner[i] = 1;
    }
  };
  for (const line of lines) {
    let joined = '';
    for (const piece of line.pieces) {
      if (piece.joinedAt !== joined.length) problems.push(`line ${line.line}: piece joinedAt ${piece.joinedAt} != ${joined.length}`);
      joined += text.slice(piece.start, piece.end);
      mark(piece.start, piece.end, `line ${line.line}`);
    }
    const nul = joined.indexOf('\0');
    const expected = nul >= 0 ? joined.slice(0, nul) : joined;
    if (line.text !== expected) problems.push(`line ${line.line}: text is not its pieces joined`);
    if (nul >= 0 && line.nulAt !== toDocOffset(line, nul)) problems.push(`line ${line.line}: nulAt ${line.nulAt} is not the NUL byte`);
  }
  for (const c of comments) {
    if (text[c.start] !== '#' || `#${c.text}` !== text.slice(c.start, c.end)) problems.push(`comment at ${c.start}: text does not match the document`);
    mark(c.start, c.end, `comment at ${c.start}`);
  }
  for (let i = 0; i < text.length; i++) {
    if (!owner[i] && text[i] !== '\n' && !isSpace(text[i])) {
      problems.push(`offset ${i} (${JSON.stringify(text[i])}) is neither kept nor white space: lost text`);
      break;
    }
  }
  return problems;
}

/** Every character of a value maps back to the same character in the document. */
function valueProblems(text: string, value: ValueText, what: string): string[] {
  for (let i = 0; i < value.text.length; i++) {
    const at = valueOffsetToDoc(value, i);
    if (text[at] !== value.text[i]) return [`${what}: character ${i} maps to offset ${at}, which holds another character`];
  }
  return [...offsetProblems(value.start, value.end, text.length, what), ...expressionProblems(value, what)];
}

/** `$` expressions: nodes in order and contiguous from 0, stopping at the error if any. */
function expressionProblems(value: ValueText, what: string): string[] {
  const { nodes, error } = value.parsed;
  let at = 0;
  for (const node of nodes as Expr[]) {
    if (node.start !== at || node.end <= node.start) return [`${what}: expression node ${node.start}..${node.end} does not follow ${at}`];
    at = node.end;
  }
  const end = error ? error.start : value.text.length;
  if (at > end) return [`${what}: expression nodes run past ${end}`];
  if (!error && at !== value.text.length) return [`${what}: expression nodes stop at ${at} of ${value.text.length}`];
  if (error && !(error.start <= error.end && error.end <= value.text.length)) return [`${what}: error range ${error.start}..${error.end} outside the value`];
  return [];
}

/** main.cf: names and values are exactly the document's text; the rest of a line is blanks and "=". */
export function mainProblems(text: string, tree: MainCf): string[] {
  const problems: string[] = [];
  for (const item of tree.items) {
    if (item.kind !== 'entry') continue;
    const what = `main.cf line ${item.line.line}`;
    if (text.slice(item.name.start, item.name.end) !== item.name.text) problems.push(`${what}: name does not match the document`);
    if (text[item.equals] !== '=') problems.push(`${what}: equals offset does not hold "="`);
    problems.push(...valueProblems(text, item.value, `${what} value`));
    const rest = item.line.text.replace(item.name.text, '').replace(item.value.text, '');
    if (!/^\s*=\s*$/.test(rest.replace(/[\v\f]/g, ' '))) problems.push(`${what}: besides name and value the line holds ${JSON.stringify(rest.slice(0, 40))}`);
  }
  return problems;
}

/** master.cf: arguments cover every non-blank character of a line, in order; options map exactly. */
export function masterProblems(text: string, tree: MasterCf): string[] {
  const problems: string[] = [];
  for (const item of tree.items) {
    const what = `master.cf line ${item.line.line}`;
    const args = item.kind === 'service' ? [...Object.values(item.fields), ...item.args] : item.args;
    problems.push(...argCoverage(text, item.line, args, what));
    if (item.kind !== 'service') continue;
    for (const option of item.options) problems.push(...valueProblems(text, option.value, `${what} -o ${option.name.text.slice(0, 20)}`));
  }
  return problems;
}

function argCoverage(text: string, line: LogicalLine, args: { text: string; at: number; start: number; end: number }[], what: string): string[] {
  let at = 0;
  for (const arg of args) {
    const gap = line.text.slice(at, arg.at);
    if ([...gap].some((ch) => !isSpace(ch))) return [`${what}: text between arguments is not blank: ${JSON.stringify(gap.slice(0, 40))}`];
    if (line.text.slice(arg.at, arg.at + arg.text.length) !== arg.text) return [`${what}: argument does not match its line`];
    if (text[toDocOffset(line, arg.at)] !== arg.text[0] || arg.start !== toDocOffset(line, arg.at)) return [`${what}: argument start does not map to the document`];
    at = arg.at + arg.text.length;
  }
  if ([...line.text.slice(at)].some((ch) => !isSpace(ch))) return [`${what}: text after the last argument is lost`];
  return [];
}
