/**
 * Numbers, times and booleans read the way Postfix's mail_conf_*.c reads them, for the
 * model's arithmetic (the invalid-value rule reports malformed text; here a malformed
 * value is simply "undefined").
 */

/** conv_int(): the whole text is a base-10 integer (strtol, leading blanks allowed). */
export function parseInteger(text: string): number | undefined {
  const m = /^[ \t\n\r\v\f]*([+-]?\d+)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && Math.abs(n) <= 2147483647 ? n : undefined;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * conv_time(): digits, then a unit s, m, h, d or w; only the first character after the
 * digits counts ("10sec" is 10 s) and without one the parameter's default unit applies.
 * Negative values are rejected. Returns seconds.
 */
export function parseTime(text: string, defaultUnit = 's'): number | undefined {
  const m = /^[ \t\n\r\v\f]*([+-]?)(\d*)(.?)/.exec(text);
  if (!m || text.length === 0) return undefined;
  if (m[1] === '-' && m[2] !== '' && Number(m[2]) !== 0) return undefined;
  const n = m[2] === '' ? 0 : Number(m[2]);
  if (!Number.isSafeInteger(n) || n > 2147483647) return undefined;
  const unit = m[3] || defaultUnit;
  const factor = UNIT_SECONDS[unit];
  return factor === undefined ? undefined : n * factor;
}

/** Postfix booleans: yes or no, in any case. */
export function parseBoolean(text: string): boolean | undefined {
  const t = text.toLowerCase();
  return t === 'yes' ? true : t === 'no' ? false : undefined;
}

/** A count where 0 means "no limit", as Infinity. */
export function limitOrInfinity(n: number): number {
  return n === 0 ? Infinity : n;
}

/** Formats a count that may be unlimited. */
export function showCount(n: number): string {
  return Number.isFinite(n) ? String(n) : 'unlimited';
}
