/**
 * Parser for Postfix parameter values: `$name`, `${name}`, `$(name)`, `${name?value}`,
 * `${name:value}`, `${name?{a}:{b}}`, relational tests `${{$x} == {y} ? {a} : {b}}`
 * (`==`, `!=`, `<`, `<=`, `>`, `>=`, each optionally followed by `level`), function
 * calls `${name{value}}` (Postfix 3.11 and later; which functions a release has is for
 * the checker to say), and `$$`.
 *
 * It follows mac_parse.c and mac_expand.c: a `${` or `$(` runs to its matching close
 * bracket of the same kind; names are [A-Za-z0-9_]; `{...}` payloads nest; the first
 * error stops the scan of the value, as it stops Postfix. Offsets are relative to the
 * string given to `parseValue`.
 *
 * Cost stays linear in the value's length: matching brackets are found in one pass up
 * front instead of by a scan per reference, and nesting is bounded (Postfix's own limit of
 * 100 nested values, and a hard stop far beyond anything real for comparison operands), so
 * a hostile value can neither take quadratic time nor overflow the stack.
 */

import { excerptAt, matchBrackets, wholeCharacters } from './textScan';

export type Expr = TextNode | RefNode | RelNode | CallNode;

export interface TextNode {
  kind: 'text';
  start: number;
  end: number;
  /** The literal text, with `$$` already turned into `$`. */
  text: string;
}

/** A conditional part: `?` takes `then` when the test is non-empty, `:` when it is empty. */
export interface Conditional {
  then?: Expr[];
  else?: Expr[];
}

export interface RefNode extends Conditional {
  kind: 'ref';
  start: number;
  end: number;
  name: string;
  nameStart: number;
  nameEnd: number;
  /** `$name` (bare), `${...}` or `$(...)`. */
  form: 'bare' | 'brace' | 'paren';
}

export interface RelNode extends Conditional {
  kind: 'rel';
  start: number;
  end: number;
  left: Expr[];
  op: RelOp;
  /** True for the `level` variants, which compare compatibility levels. */
  level: boolean;
  right: Expr[];
}

/** `${name{value}}`: the named function applied to the expanded value. */
export interface CallNode {
  kind: 'call';
  start: number;
  end: number;
  name: string;
  nameStart: number;
  nameEnd: number;
  arg: Expr[];
  then?: undefined;
  else?: undefined;
}

export type RelOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface ExpansionError {
  start: number;
  end: number;
  message: string;
  /** Set when the value is too deeply nested for this checker, not for Postfix. */
  checkerLimit?: boolean;
}

/** Postfix's mac_expand() stops at more than this many nested `?`/`:` values (checked with postconf 3.7.11). */
export const MAX_VALUE_NESTING = 100;
/** Our own stop for other nesting (comparison operands), which Postfix does not bound. */
export const MAX_TOTAL_NESTING = 1000;

export interface ParsedValue {
  nodes: Expr[];
  error?: ExpansionError;
}

/** [A-Za-z0-9_] by character code: a regular expression per character made scanning the
 * references of a large main.cf cost four times as much. */
function isNameCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
const isNameChar = (ch: string | undefined): boolean => ch !== undefined && ch.length === 1 && isNameCode(ch.charCodeAt(0));
const isBlank = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\v' || ch === '\f';

class Failure extends Error {
  constructor(readonly detail: ExpansionError) {
    super(detail.message);
  }
}

/** One value being parsed: its text, its bracket pairs and how deep the parser is. */
class Scan {
  /**
   * For each "{" or "(", the offset of its matching close bracket of the same kind, or -1;
   * computed at the first bracket (most values are plain `$name` references).
   */
  private match?: Int32Array;
  /** Nested `?`/`:` values around the current position, and all nested sequences. */
  valueDepth = 0;
  totalDepth = 0;

  constructor(readonly text: string) {}

  /** The matching close of the bracket at `at` when it lies before `to`, else -1. */
  closeOf(at: number, to: number): number {
    this.match ??= matchBrackets(this.text);
    const close = at < this.match.length ? this.match[at] : -1;
    return close >= 0 && close < to ? close : -1;
  }

  /** Parses a nested sequence, enforcing the nesting limits. */
  nested(from: number, to: number, out: Expr[], isValue: boolean, where: number): void {
    if (isValue && this.valueDepth >= MAX_VALUE_NESTING) {
      throw new Failure({ start: where, end: Math.max(where + 1, to), message: `unreasonable macro call nesting: more than ${MAX_VALUE_NESTING} nested values` });
    }
    if (this.totalDepth >= MAX_TOTAL_NESTING) {
      throw new Failure({ start: where, end: Math.max(where + 1, to), message: `nested more than ${MAX_TOTAL_NESTING} levels deep, too deep to check`, checkerLimit: true });
    }
    if (isValue) this.valueDepth++;
    this.totalDepth++;
    parseSequence(this, from, to, out);
    if (isValue) this.valueDepth--;
    this.totalDepth--;
  }
}

/** Parses a whole value. A value without `$` costs one indexOf. */
export function parseValue(text: string): ParsedValue {
  if (text.indexOf('$') < 0) {
    return { nodes: text.length ? [{ kind: 'text', start: 0, end: text.length, text }] : [] };
  }
  const nodes: Expr[] = [];
  try {
    parseSequence(new Scan(text), 0, text.length, nodes);
    return { nodes };
  } catch (e) {
    if (e instanceof Failure) return { nodes, error: wholeCharacters(text, e.detail) };
    throw e;
  }
}

/** Parses text[from, to) into `out`; throws Failure at the first syntax error. */
function parseSequence(scan: Scan, from: number, to: number, out: Expr[]): void {
  const text = scan.text;
  // A literal run is [literalStart, i); `$$` inside it is collapsed when it is flushed.
  let literalStart = from;
  let hasDollars = false;
  const flush = (at: number): void => {
    if (at > literalStart) {
      const raw = text.slice(literalStart, at);
      out.push({ kind: 'text', start: literalStart, end: at, text: hasDollars ? raw.replace(/\$\$/g, '$') : raw });
    }
    hasDollars = false;
  };
  let i = from;
  while (i < to) {
    const next = text.indexOf('$', i);
    if (next < 0 || next >= to) break;
    if (next + 1 < to && text[next + 1] === '$') {
      hasDollars = true;
      i = next + 2;
      continue;
    }
    flush(next);
    i = parseReference(scan, next, to, out);
    literalStart = i;
  }
  flush(to);
}

/** Parses the reference that starts with the `$` at `at`; returns the offset after it. */
function parseReference(scan: Scan, at: number, to: number, out: Expr[]): number {
  const text = scan.text;
  const open = text[at + 1];
  if (at + 1 < to && (open === '{' || open === '(')) {
    const j = scan.closeOf(at + 1, to);
    if (j < 0) {
      throw new Failure({ start: at, end: to, message: `unclosed "${open}": Postfix stops at this truncated reference` });
    }
    const inner = { from: at + 2, to: j };
    if (inner.from === inner.to) throw new Failure({ start: at, end: j + 1, message: 'empty parameter name' });
    out.push(parseBracketed(scan, { start: at, end: j + 1, from: inner.from, to: inner.to }, open === '{' ? 'brace' : 'paren'));
    return j + 1;
  }
  let j = at + 1;
  while (j < to && isNameCode(text.charCodeAt(j))) j++;
  if (j === at + 1) {
    throw new Failure({
      start: at,
      end: Math.min(at + 1, to),
      message: 'a "$" must start a parameter reference; write "$$" for a literal "$"',
    });
  }
  out.push({ kind: 'ref', start: at, end: j, name: text.slice(at + 1, j), nameStart: at + 1, nameEnd: j, form: 'bare' });
  return j;
}

/** Where a bracketed reference is: the whole `${...}` and its inside [from, to). */
interface Span {
  start: number;
  end: number;
  from: number;
  to: number;
}

/** Parses the inside of `${...}` or `$(...)`: a name or a relational test, then `?`/`:`. */
function parseBracketed(scan: Scan, span: Span, form: 'brace' | 'paren'): Expr {
  const text = scan.text;
  const { start, end, from, to } = span;
  let i = skipBlanks(text, from, to);
  if (text[i] === '{') {
    const rel = parseRelational(scan, i, to);
    const node: RelNode = { kind: 'rel', start, end, ...rel.node };
    parseConditional(scan, rel.next, to, node);
    return node;
  }
  const nameStart = i;
  while (i < to && isNameCode(text.charCodeAt(i))) i++;
  const nameEnd = i;
  if (nameStart === nameEnd) {
    throw new Failure({ start: i, end: Math.max(i + 1, nameEnd), message: `invalid parameter name at "${excerptAt(text, i, to)}"` });
  }
  const name = text.slice(nameStart, nameEnd);
  const after = skipBlanks(text, i, to);
  if (text[after] === '{') return parseCall(scan, { start, end, from: after, to }, { name, nameStart, nameEnd });
  const node: RefNode = { kind: 'ref', start, end, name, nameStart, nameEnd, form };
  parseConditional(scan, after, to, node);
  return node;
}

/** Parses `{value}` after a function name: nothing may follow it but blanks. */
function parseCall(scan: Scan, span: Span, name: Pick<CallNode, 'name' | 'nameStart' | 'nameEnd'>): CallNode {
  const text = scan.text;
  const payload = curlyPayload(scan, span.from, span.to);
  const arg: Expr[] = [];
  scan.nested(payload.from, payload.to, arg, true, span.from);
  const rest = skipBlanks(text, payload.next, span.to);
  if (rest < span.to) throw new Failure({ start: rest, end: span.to, message: `unexpected "${excerptAt(text, rest, span.to)}" after the function's "{value}"` });
  return { kind: 'call', start: span.start, end: span.end, ...name, arg };
}

/** Parses `?value`, `?{a}`, `?{a}:{b}`, `?{a}:b`, `:value`, `:{b}` or nothing. */
function parseConditional(scan: Scan, i: number, to: number, node: Conditional & { name?: string }): void {
  const text = scan.text;
  if (i >= to) return;
  const op = text[i];
  if (op !== '?' && op !== ':') {
    const what = node.name !== undefined ? `after "${node.name}"` : 'after the comparison';
    throw new Failure({ start: i, end: to, message: `unexpected "${excerptAt(text, i, to)}" ${what}: expected "?", ":" or "}"` });
  }
  const first = skipBlanks(text, i + 1, to);
  if (text[first] !== '{') {
    // Legacy form: everything after the operator is the value.
    const value: Expr[] = [];
    scan.nested(i + 1, to, value, true, i);
    if (op === '?') node.then = value;
    else node.else = value;
    return;
  }
  const payload = curlyPayload(scan, first, to);
  const value: Expr[] = [];
  scan.nested(payload.from, payload.to, value, true, first);
  if (op === ':') {
    node.else = value;
    const rest = skipBlanks(text, payload.next, to);
    if (rest < to) throw new Failure({ start: rest, end: to, message: `unexpected "${excerptAt(text, rest, to)}" after the ":" value` });
    return;
  }
  node.then = value;
  const rest = skipBlanks(text, payload.next, to);
  if (rest >= to) return;
  if (text[rest] !== ':') throw new Failure({ start: rest, end: to, message: `expected ":" before "${excerptAt(text, rest, to)}"` });
  const second = skipBlanks(text, rest + 1, to);
  const alt: Expr[] = [];
  if (text[second] !== '{') {
    scan.nested(rest + 1, to, alt, true, rest);
    node.else = alt;
    return;
  }
  const other = curlyPayload(scan, second, to);
  scan.nested(other.from, other.to, alt, true, second);
  node.else = alt;
  const tail = skipBlanks(text, other.next, to);
  if (tail < to) throw new Failure({ start: tail, end: to, message: `unexpected "${excerptAt(text, tail, to)}" after the ":" value` });
}

const OPERATORS: RelOp[] = ['==', '!=', '<=', '>=', '<', '>'];

function parseRelational(scan: Scan, i: number, to: number): { node: Omit<RelNode, 'kind' | 'start' | 'end'>; next: number } {
  const text = scan.text;
  const lhs = curlyPayload(scan, i, to);
  const left: Expr[] = [];
  scan.nested(lhs.from, lhs.to, left, false, i);
  let j = skipBlanks(text, lhs.next, to);
  const op = OPERATORS.find((o) => text.startsWith(o, j) && j + o.length <= to);
  if (!op) {
    throw new Failure({ start: j, end: Math.max(j + 1, Math.min(to, j + 2)), message: 'expected a comparison operator: ==, !=, <, <=, > or >=' });
  }
  j += op.length;
  let level = false;
  if (/[A-Za-z0-9_]/.test(text[j] ?? '')) {
    let k = j;
    while (k < to && isNameChar(text[k])) k++;
    if (text.slice(j, k) !== 'level') {
      throw new Failure({ start: j, end: k, message: `unknown operator suffix "${excerptAt(text, j, k)}": only "level" may follow ${op}` });
    }
    level = true;
    j = k;
  }
  j = skipBlanks(text, j, to);
  if (text[j] !== '{') {
    throw new Failure({ start: j, end: Math.max(j + 1, Math.min(to, j + 1)), message: `expected "{value}" after ${op}${level ? 'level' : ''}` });
  }
  const rhs = curlyPayload(scan, j, to);
  const right: Expr[] = [];
  scan.nested(rhs.from, rhs.to, right, false, j);
  return { node: { left, op, level, right }, next: skipBlanks(text, rhs.next, to) };
}

/** Reads `{...}` with nested braces at `i`; returns the inner range and the offset after `}`. */
function curlyPayload(scan: Scan, i: number, to: number): { from: number; to: number; next: number } {
  const j = scan.closeOf(i, to);
  if (j >= 0) return { from: i + 1, to: j, next: j + 1 };
  throw new Failure({ start: i, end: to, message: 'unclosed "{" in value' });
}

function skipBlanks(text: string, i: number, to: number): number {
  while (i < to && isBlank(text[i])) i++;
  return i;
}

/** Calls `visit` for every reference, in every branch and function argument, in source order. */
export function forEachRef(nodes: readonly Expr[], visit: (ref: RefNode) => void, call?: (node: CallNode) => void): void {
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    if (node.kind === 'ref') visit(node);
    else if (node.kind === 'call') {
      call?.(node);
      forEachRef(node.arg, visit, call);
    } else {
      forEachRef(node.left, visit, call);
      forEachRef(node.right, visit, call);
    }
    if (node.then) forEachRef(node.then, visit, call);
    if (node.else) forEachRef(node.else, visit, call);
  }
}
