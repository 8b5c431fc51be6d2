/**
 * Shell quoting for the generated scripts. Every value that is not a fixed word of the
 * script goes through `shQuote`, so that a POSIX shell reads it as one literal word.
 */

/**
 * Quotes `value` as one literal word for a POSIX shell (sh, dash, bash, zsh): inside single
 * quotes nothing is special, and a single quote itself is written as `'\''` (close, escaped
 * quote, reopen). The result never expands, splits or globs.
 */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Quotes each value and joins them with spaces: a list of literal words. */
export function shWords(values: readonly string[]): string {
  return values.map(shQuote).join(' ');
}
