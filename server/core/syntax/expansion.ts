/**
 * Parser for Postfix parameter values: `$name`, `${name}`, `$(name)`, `${name?value}`,
 * `${name:value}`, `${name?{a}:{b}}`, relational tests `${{$x} == {y} ? {a} : {b}}`
 * (`==`, `!=`, `<`, `<=`, `>`, `>=`, each optionally followed by `level`), and `$$`.
 *
 * It follows mac_parse.c and mac_expand.c: a `${` or `$(` runs to its matching close
 * bracket of the same kind; names are [A-Za-z0-9_]; `{...}` payloads nest; the first
 * error stops the scan of the value, as it stops Postfix. Offsets are relative to the
 * string given to `parseValue`.
 */

export type Expr = TextNode | RefNode | RelNode;

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

export type RelOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface ExpansionError {
  start: number;
  end: number;
  message: string;
}

export interface ParsedValue {
  nodes: Expr[];
  error?: ExpansionError;
}

const NAME_CHAR = /[A-Za-z0-9_]/;
const isNameChar = (ch: string | undefined): boolean => ch !== undefined && NAME_CHAR.test(ch);
const isBlank = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\v' || ch === '\f';

class Failure extends Error {
  constructor(readonly detail: ExpansionError) {
    super(detail.message);
  }
}

/** Parses a whole value. A value without `$` costs one indexOf. */
export function parseValue(text: string): ParsedValue {
  if (text.indexOf('$') < 0) {
    return { nodes: text.length ? [{ kind: 'text', start: 0, end: text.length, text }] : [] };
  }
  const nodes: Expr[] = [];
  try {
    parseSequence(text, 0, text.length, nodes);
    return { nodes };
  } catch (e) {
    if (e instanceof Failure) return { nodes, error: e.detail };
    throw e;
  }
}

/** Parses text[from, to) into `out`; throws Failure at the first syntax error. */
function parseSequence(text: string, from: number, to: number, out: Expr[]): void {
  // A literal run is kept as offsets and sliced once: building it a character at a time
  // makes V8 keep a rope of one-character strings (hundreds of bytes per value).
  let literalStart = -1;
  let dollars = false;
  const flush = (at: number): void => {
    if (literalStart < 0) return;
    const raw = text.slice(literalStart, at);
    out.push({ kind: 'text', start: literalStart, end: at, text: dollars ? raw.replace(/\$\$/g, '$') : raw });
    literalStart = -1;
    dollars = false;
  };
  let i = from;
  while (i < to) {
    const next = text.indexOf('$', i);
    if (next < 0 || next >= to) {
      if (literalStart < 0) literalStart = i;
      break;
    }
    if (next > i && literalStart < 0) literalStart = i;
    if (text[next + 1] === '$' && next + 1 < to) {
      if (literalStart < 0) literalStart = next;
      dollars = true;
      i = next + 2;
      continue;
    }
    flush(next);
    i = parseReference(text, next, to, out);
  }
  flush(to);
}

/** Parses the reference that starts with the `$` at `at`; returns the offset after it. */
function parseReference(text: string, at: number, to: number, out: Expr[]): number {
  const open = text[at + 1];
  if (at + 1 < to && (open === '{' || open === '(')) {
    const close = open === '{' ? '}' : ')';
    let level = 1;
    let j = at + 2;
    for (; j < to; j++) {
      if (text[j] === open) level++;
      else if (text[j] === close && --level === 0) break;
    }
    if (level > 0) {
      throw new Failure({ start: at, end: to, message: `unclosed "${open}": Postfix stops at this truncated reference` });
    }
    const inner = { from: at + 2, to: j };
    if (inner.from === inner.to) throw new Failure({ start: at, end: j + 1, message: 'empty parameter name' });
    out.push(parseBracketed(text, at, j + 1, inner.from, inner.to, open === '{' ? 'brace' : 'paren'));
    return j + 1;
  }
  let j = at + 1;
  while (j < to && isNameChar(text[j])) j++;
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

/** Parses the inside of `${...}` or `$(...)`: a name or a relational test, then `?`/`:`. */
function parseBracketed(text: string, start: number, end: number, from: number, to: number, form: 'brace' | 'paren'): Expr {
  let i = skipBlanks(text, from, to);
  if (text[i] === '{') {
    const rel = parseRelational(text, i, to);
    const node: RelNode = { kind: 'rel', start, end, ...rel.node };
    parseConditional(text, rel.next, to, node);
    return node;
  }
  const nameStart = i;
  while (i < to && isNameChar(text[i])) i++;
  const nameEnd = i;
  if (nameStart === nameEnd) {
    throw new Failure({ start: i, end: Math.max(i + 1, nameEnd), message: `invalid parameter name at "${text.slice(i, to)}"` });
  }
  const node: RefNode = { kind: 'ref', start, end, name: text.slice(nameStart, nameEnd), nameStart, nameEnd, form };
  parseConditional(text, skipBlanks(text, i, to), to, node);
  return node;
}

/** Parses `?value`, `?{a}`, `?{a}:{b}`, `?{a}:b`, `:value`, `:{b}` or nothing. */
function parseConditional(text: string, i: number, to: number, node: Conditional & { name?: string }): void {
  if (i >= to) return;
  const op = text[i];
  if (op !== '?' && op !== ':') {
    const what = node.name !== undefined ? `after "${node.name}"` : 'after the comparison';
    throw new Failure({ start: i, end: to, message: `unexpected "${text.slice(i, to)}" ${what}: expected "?", ":" or "}"` });
  }
  const first = skipBlanks(text, i + 1, to);
  if (text[first] !== '{') {
    // Legacy form: everything after the operator is the value.
    const value: Expr[] = [];
    parseSequence(text, i + 1, to, value);
    if (op === '?') node.then = value;
    else node.else = value;
    return;
  }
  const payload = curlyPayload(text, first, to);
  const value: Expr[] = [];
  parseSequence(text, payload.from, payload.to, value);
  if (op === ':') {
    node.else = value;
    const rest = skipBlanks(text, payload.next, to);
    if (rest < to) throw new Failure({ start: rest, end: to, message: `unexpected "${text.slice(rest, to)}" after the ":" value` });
    return;
  }
  node.then = value;
  const rest = skipBlanks(text, payload.next, to);
  if (rest >= to) return;
  if (text[rest] !== ':') throw new Failure({ start: rest, end: to, message: `expected ":" before "${text.slice(rest, to)}"` });
  const second = skipBlanks(text, rest + 1, to);
  const alt: Expr[] = [];
  if (text[second] !== '{') {
    parseSequence(text, rest + 1, to, alt);
    node.else = alt;
    return;
  }
  const other = curlyPayload(text, second, to);
  parseSequence(text, other.from, other.to, alt);
  node.else = alt;
  const tail = skipBlanks(text, other.next, to);
  if (tail < to) throw new Failure({ start: tail, end: to, message: `unexpected "${text.slice(tail, to)}" after the ":" value` });
}

const OPERATORS: RelOp[] = ['==', '!=', '<=', '>=', '<', '>'];

function parseRelational(text: string, i: number, to: number): { node: Omit<RelNode, 'kind' | 'start' | 'end'>; next: number } {
  const lhs = curlyPayload(text, i, to);
  const left: Expr[] = [];
  parseSequence(text, lhs.from, lhs.to, left);
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
      throw new Failure({ start: j, end: k, message: `unknown operator suffix "${text.slice(j, k)}": only "level" may follow ${op}` });
    }
    level = true;
    j = k;
  }
  j = skipBlanks(text, j, to);
  if (text[j] !== '{') {
    throw new Failure({ start: j, end: Math.max(j + 1, Math.min(to, j + 1)), message: `expected "{value}" after ${op}${level ? 'level' : ''}` });
  }
  const rhs = curlyPayload(text, j, to);
  const right: Expr[] = [];
  parseSequence(text, rhs.from, rhs.to, right);
  return { node: { left, op, level, right }, next: skipBlanks(text, rhs.next, to) };
}

/** Reads `{...}` with nested braces at `i`; returns the inner range and the offset after `}`. */
function curlyPayload(text: string, i: number, to: number): { from: number; to: number; next: number } {
  let level = 0;
  for (let j = i; j < to; j++) {
    if (text[j] === '{') level++;
    else if (text[j] === '}' && --level === 0) return { from: i + 1, to: j, next: j + 1 };
  }
  throw new Failure({ start: i, end: to, message: 'unclosed "{" in value' });
}

function skipBlanks(text: string, i: number, to: number): number {
  while (i < to && isBlank(text[i])) i++;
  return i;
}

/** Calls `visit` for every reference, in every branch, in source order. */
export function forEachRef(nodes: readonly Expr[], visit: (ref: RefNode) => void): void {
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    if (node.kind === 'ref') visit(node);
    else {
      forEachRef(node.left, visit);
      forEachRef(node.right, visit);
    }
    if (node.then) forEachRef(node.then, visit);
    if (node.else) forEachRef(node.else, visit);
  }
}
