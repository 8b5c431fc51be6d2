/**
 * How a Postfix program converts a literal parameter value when it starts, and whether it
 * gives up. Mirrors global/mail_conf_{bool,int,long,time,str}.c and util/conv_time.c, and
 * was checked against the 3.7.11 daemons run stand-alone (test/parity/daemonValues.test.ts):
 * - booleans are "yes" or "no", any case;
 * - numbers go through strtol(): optional sign, decimal digits, nothing after them, and
 *   they must fit the C type (32-bit int, 64-bit long);
 * - times are strtol() digits followed by at most one unit letter (s m h d w, lower case);
 *   only the first character after the digits is looked at ("10sec" is 10 s). No digits
 *   at all reads as 0 ("s" is accepted), negatives are rejected, and the result in seconds
 *   must fit an int (so 3549w is the most weeks it takes);
 * - strings may have a minimum and maximum length (bytes);
 * - a minimum or maximum of 0 is not checked.
 */
import type { ParamType } from './knowledgeBase';

export interface ValueRule {
  type: ParamType;
  min?: number;
  max?: number;
  /** The unit a time value without one is read in (from the parameter's default). */
  defaultUnit?: string;
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);
const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const UNIT_WORDS: Record<string, string> = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };

/** What is wrong with `value` for a parameter read by `rule`, or undefined when it is accepted. */
export function valueProblem(rule: ValueRule, value: string): string | undefined {
  switch (rule.type) {
    case 'bool':
    case 'nbool':
      return /^(yes|no)$/i.test(value) ? undefined : `${quoteValue(value)} is not a boolean: Postfix accepts only yes or no`;
    case 'int':
    case 'nint':
      return integerProblem(rule, value, BigInt(INT_MIN), BigInt(INT_MAX));
    case 'long':
      return integerProblem(rule, value, LONG_MIN, LONG_MAX);
    case 'time':
      return timeProblem(rule, value);
    case 'str':
      return lengthProblem(rule, value);
    default:
      return undefined;
  }
}

function integerProblem(rule: ValueRule, value: string, low: bigint, high: bigint): string | undefined {
  if (!/^[+-]?\d+$/.test(value)) {
    return `${quoteValue(value)} is not a whole number: Postfix accepts only digits with an optional sign (no unit, no fraction)`;
  }
  const n = BigInt(value);
  if (n < low || n > high) return `${value} is out of range: the number does not fit the type Postfix stores it in`;
  return boundsProblem(rule, Number(n), String(n));
}

function timeProblem(rule: ValueRule, value: string): string | undefined {
  const m = /^([+-]?)(\d*)(.?)/.exec(value)!;
  const [, sign, digits, next] = m;
  const unit = next || rule.defaultUnit || 's';
  const bad = `${quoteValue(value)} is not a time: Postfix expects a number with an optional unit s, m, h, d or w`;
  if (value === '' || (sign && !digits)) return bad;
  const n = digits ? BigInt(digits) * (sign === '-' ? -1n : 1n) : 0n;
  if (n < BigInt(INT_MIN) || n > BigInt(INT_MAX)) return `${quoteValue(value)} is out of range for a time`;
  if (n < 0n) return `${quoteValue(value)} is negative: Postfix rejects negative times`;
  if (!Object.prototype.hasOwnProperty.call(UNIT_SECONDS, unit)) return bad;
  const perUnit = UNIT_SECONDS[unit];
  // conv_time() refuses a count of at least INT_MAX / unit for every unit but seconds.
  if (perUnit > 1 && n >= BigInt(Math.floor(INT_MAX / perUnit))) {
    return `${quoteValue(value)} is too large: Postfix takes at most ${Math.floor(INT_MAX / perUnit) - 1} ${UNIT_WORDS[unit]}`;
  }
  const seconds = Number(n) * perUnit;
  return boundsProblem(rule, seconds, `${quoteValue(value)} (${seconds} s)`, ' s');
}

function lengthProblem(rule: ValueRule, value: string): string | undefined {
  const length = Buffer.byteLength(value, 'utf8');
  if (rule.min && length < rule.min) {
    return value === '' ? `An empty value is not allowed here: Postfix needs at least ${plural(rule.min, 'character')}`
      : `${quoteValue(value)} is too short: Postfix needs at least ${plural(rule.min, 'character')}`;
  }
  if (rule.max && length > rule.max) return `${quoteValue(value)} is too long: Postfix allows at most ${plural(rule.max, 'character')}`;
  return undefined;
}

function boundsProblem(rule: ValueRule, n: number, shown: string, unit = ''): string | undefined {
  if (rule.min && n < rule.min) return `${shown} is below the minimum of ${rule.min}${unit}: Postfix rejects it`;
  if (rule.max && n > rule.max) return `${shown} is above the maximum of ${rule.max}${unit}: Postfix rejects it`;
  return undefined;
}

/** The unit a time default is written in: its last letter, as in "5d" or "${stress?{10}:{300}}s". */
export function timeUnitOf(defaultText: string | undefined): string {
  const last = (defaultText ?? '').trim().slice(-1);
  return Object.prototype.hasOwnProperty.call(UNIT_SECONDS, last) ? last : 's';
}

const quoteValue = (value: string): string => (value === '' ? 'An empty value' : `"${value}"`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
