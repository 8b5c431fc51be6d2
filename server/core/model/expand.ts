/**
 * Evaluates parameter values the way mac_expand() does when a daemon reads them:
 * `$name` is replaced by the named value, itself expanded; `${name?x}` gives x when the
 * value is non-empty, `${name:x}` when it is empty; a relational test yields "true" or "".
 * Nesting deeper than Postfix allows is reported, as are loops (`a = $b`, `b = $a`).
 * The work is bounded too: `a1 = $a0 $a0`, `a2 = $a1 $a1`, ... doubles at each step, so
 * forty lines would otherwise expand to a terabyte.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { Expr, parseValue } from '../syntax/expansion';

/** Returns the raw (unexpanded) value of a name, or undefined when nothing defines it. */
export type RawLookup = (name: string) => string | undefined;

export interface Expansion {
  value: string;
  /** Set when Postfix would stop with "macro processing error". */
  error?: string;
  /** Names that resolved to nothing (Postfix expands them to ""). */
  undefinedNames: string[];
}

const MAX_DEPTH = 100;
/** Nodes visited and characters produced before giving up on one expansion. */
export const MAX_EXPANSION_STEPS = 1_000_000;
export const MAX_EXPANSION_LENGTH = 1_000_000;

/**
 * What expanding one name gave, kept so that each name is expanded once when many values
 * are expanded with the same look-up (every value postconf prints: a chain of 200,000
 * names would otherwise cost 200,000 expansions of up to 100 levels each).
 */
export interface ExpandedName {
  value: string;
  error?: string;
  undefinedNames: string[];
  /** The work its expansion took, counted again wherever it is used (the bound stays the same). */
  steps: number;
  /** How deep its expansion nests below it: the same limit applies wherever it is used. */
  depth: number;
  /** Cut short by the nesting limit where it was used: not kept, as it depends on that place. */
  truncated?: boolean;
}

/** Names already expanded with one look-up function (see ExpandedName). */
export type ExpansionCache = Map<string, ExpandedName>;

/**
 * Expands `text`. With `cache` (which must only ever see this same `lookup`), each name is
 * expanded once and its result reused, with the same outcome, errors and limits included.
 * Names expanded before the names that refer to them are reused whole; otherwise the
 * recursion stays as deep as without a cache (at most the nesting limit).
 */
export function expand(text: string, lookup: RawLookup, cache?: ExpansionCache): Expansion {
  const state: State = { lookup, undefinedNames: [], error: undefined, stack: [], steps: 0, cache, deepest: 0 };
  const value = expandText(text, state, 0);
  return { value: state.error ? '' : value, error: state.error, undefinedNames: state.undefinedNames };
}

interface State {
  lookup: RawLookup;
  undefinedNames: string[];
  error: string | undefined;
  stack: string[];
  steps: number;
  cache?: ExpansionCache;
  /** The deepest level a name was looked up at (for the cache). */
  deepest: number;
  /** Set when the nesting limit stopped the expansion. */
  truncated?: boolean;
}

function expandText(text: string, state: State, depth: number): string {
  const parsed = parseValue(text);
  if (parsed.error) {
    state.error ??= parsed.error.message;
    return '';
  }
  return expandNodes(parsed.nodes, state, depth);
}

function expandNodes(nodes: readonly Expr[], state: State, depth: number): string {
  let out = '';
  for (const node of nodes) {
    if (state.error) return '';
    if (++state.steps > MAX_EXPANSION_STEPS || out.length > MAX_EXPANSION_LENGTH) {
      state.error = `the expansion is too large to evaluate (more than ${MAX_EXPANSION_STEPS} steps or ${MAX_EXPANSION_LENGTH} characters)`;
      return '';
    }
    if (node.kind === 'text') {
      out += node.text;
      continue;
    }
    if (node.kind === 'call') {
      const arg = expandNodes(node.arg, state, depth);
      const fn = FUNCTIONS[node.name];
      if (!fn) {
        state.error ??= `unknown function "${node.name}"`;
        return '';
      }
      out += fn(arg);
      continue;
    }
    let test: string;
    if (node.kind === 'ref') {
      test = lookupExpanded(node.name, state, depth);
      if (!node.then && !node.else) {
        out += test;
        continue;
      }
    } else {
      const left = expandNodes(node.left, state, depth);
      const right = expandNodes(node.right, state, depth);
      const result = compare(left, node.op, right, node.level);
      if (result === undefined) {
        state.error ??= `malformed compatibility level in "${left}" ${node.op}level "${right}"`;
        return '';
      }
      test = result ? 'true' : '';
      if (!node.then && !node.else) {
        out += test;
        continue;
      }
    }
    if (test !== '' && node.then) out += expandNodes(node.then, state, depth);
    else if (test === '' && node.else) out += expandNodes(node.else, state, depth);
  }
  return out;
}

/**
 * The functions `${name{value}}` calls (Postfix 3.11 and later): domain names to their
 * ASCII (A-label) and UTF-8 (U-label) forms. Which release has which is the checker's
 * business (expansion-syntax); a name Postfix would not convert is returned unchanged.
 */
const FUNCTIONS: Record<string, (value: string) => string> = {
  domain_to_ascii: (v) => domainToASCII(v) || v,
  domain_to_utf8: (v) => domainToUnicode(v) || v,
};

function lookupExpanded(name: string, state: State, depth: number): string {
  const cached = state.cache?.get(name);
  if (cached) return replay(name, cached, state, depth);
  const raw = state.lookup(name);
  if (raw === undefined) {
    if (!state.undefinedNames.includes(name)) state.undefinedNames.push(name);
    return '';
  }
  if (depth >= MAX_DEPTH || state.stack.includes(name)) {
    state.error ??= nesting(name);
    if (depth >= MAX_DEPTH) state.truncated = true;
    return '';
  }
  if (state.cache) return replay(name, expandOnce(name, raw, state, depth), state, depth);
  state.stack.push(name);
  const value = expandText(raw, state, depth + 1);
  state.stack.pop();
  return value;
}

const nesting = (name: string): string => `unreasonable macro call nesting: "${name}" refers back to itself`;

/**
 * Expands a name looked up at level `depth`, and keeps the result unless the nesting limit
 * cut it short below level 0 (used higher up, it could fit). A loop it runs into goes
 * through the name itself (whatever is on the stack leads to it), so that error is the
 * name's own wherever it is used.
 */
function expandOnce(name: string, raw: string, state: State, depth: number): ExpandedName {
  const sub: State = { lookup: state.lookup, cache: state.cache, undefinedNames: [], error: undefined, stack: state.stack, steps: 0, deepest: depth };
  state.stack.push(name);
  const value = expandText(raw, sub, depth + 1);
  state.stack.pop();
  const entry: ExpandedName = { value: sub.error ? '' : value, undefinedNames: sub.undefinedNames, steps: sub.steps, depth: sub.deepest - depth };
  if (sub.error) entry.error = sub.error;
  if (sub.truncated && depth > 0) entry.truncated = true;
  else state.cache!.set(name, entry);
  return entry;
}

/** A kept expansion, used at level `depth`: the same result, errors and limits as expanding it there. */
function replay(name: string, entry: ExpandedName, state: State, depth: number): string {
  if (entry.truncated) state.truncated = true;
  if (depth >= MAX_DEPTH || depth + entry.depth >= MAX_DEPTH) {
    state.error ??= nesting(name);
    state.truncated = true;
    return '';
  }
  if (entry.error) {
    state.error ??= entry.error;
    return '';
  }
  state.steps += entry.steps;
  if (state.steps > MAX_EXPANSION_STEPS) {
    state.error ??= `the expansion is too large to evaluate (more than ${MAX_EXPANSION_STEPS} steps or ${MAX_EXPANSION_LENGTH} characters)`;
    return '';
  }
  for (const n of entry.undefinedNames) if (!state.undefinedNames.includes(n)) state.undefinedNames.push(n);
  state.deepest = Math.max(state.deepest, depth + entry.depth, depth);
  return entry.value;
}

/** Compares as numbers when both sides are all digits, otherwise as strings. */
function compare(left: string, op: string, right: string, level: boolean): boolean | undefined {
  let cmp: number;
  if (level) {
    const a = parseLevel(left);
    const b = parseLevel(right);
    if (!a || !b) return undefined;
    cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  } else if (/^\d+$/.test(left) && /^\d+$/.test(right)) {
    cmp = Number(left) - Number(right);
  } else {
    cmp = left < right ? -1 : left > right ? 1 : 0;
  }
  switch (op) {
    case '==': return cmp === 0;
    case '!=': return cmp !== 0;
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    case '>': return cmp > 0;
    default: return cmp >= 0;
  }
}

/** A compatibility level: "2", "3.6", "3.10.1". */
export function parseLevel(text: string): [number, number, number] | undefined {
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}
