/**
 * Helpers that keep the value parser (expansion.ts) linear and its ranges and messages
 * sane on hostile input: bracket pairs found in one pass, error ranges that never cut an
 * astral character in half, and short quotes of long text.
 */
import { excerpt } from '../excerpt';

const NO_BRACKETS = new Int32Array(0);

/**
 * For each "{" or "(" in `text`, the offset of its matching close bracket of the same
 * kind, or -1. This is what a forward scan counting only that kind would find, and a
 * scan bounded at `to` finds it exactly when it lies before `to`.
 */
export function matchBrackets(text: string): Int32Array {
  if (text.indexOf('{') < 0 && text.indexOf('(') < 0) return NO_BRACKETS;
  const match = new Int32Array(text.length).fill(-1);
  const curly: number[] = [];
  const paren: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 123 /* { */) curly.push(i);
    else if (ch === 40 /* ( */) paren.push(i);
    else if (ch === 125 /* } */ || ch === 41 /* ) */) {
      const at = (ch === 125 ? curly : paren).pop();
      if (at !== undefined) match[at] = i;
    }
  }
  return match;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Widens a [start, end) range of `text` that would cut an astral character (a surrogate pair) in half. */
export function wholeCharacters<T extends { start: number; end: number }>(text: string, range: T): T {
  let { start, end } = range;
  if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end++;
  return { ...range, start, end };
}

/** Quotes at most 40 characters of text[from, to) (excerpt() of a range), so a huge value cannot make a huge message. */
export function excerptAt(text: string, from: number, to: number): string {
  return excerpt(text.slice(from, Math.min(to, from + 41)), 40);
}
