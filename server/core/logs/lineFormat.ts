/**
 * The part of a log line before Postfix's own text: when, which host, which program. Four
 * formats, told apart by the first character of the line:
 *
 *   classic syslog, Postfix's maillog_file and `journalctl -o short`:
 *       Nov 28 01:35:57 mx1 postfix/smtp[31015]: ...          1 s, no year, local time
 *     (with a fraction, as `journalctl -o short-precise` writes it: that fraction's step)
 *   RFC 3339 (Debian 12's rsyslog) and `journalctl -o short-iso-precise`:
 *       2024-05-01T10:02:03.412345+02:00 mx1 postfix/smtp[31015]: ...   the fraction's step
 *   `journalctl -o json`: one object per line, __REALTIME_TIMESTAMP in microseconds.
 *
 * Every timestamp is taken after the event it reports (Postfix stamps its maillog_file lines
 * with time(), which truncates to the second; syslog daemons and the journal stamp on
 * arrival), so an event stamped S happened in [S - lag, S + resolution).
 *
 * The parser keeps one mutable result and caches the epoch of the last hour it converted:
 * it runs on every line of logs of gigabytes.
 */
import type { FormatCount } from './types';

export type FormatId = FormatCount['format'];

/** The parsed prefix of one line (one object, reused from line to line). */
export interface LinePrefix {
  format: FormatId;
  /** Unix seconds. */
  time: number;
  /** The step of the timestamp, seconds. */
  resolution: number;
  host: string;
  /** The syslog tag without the pid, e.g. "postfix/relay/smtp". */
  tag: string;
  /** The tag's last component, e.g. "smtp". */
  program: string;
  pid: string;
  message: string;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** Postfix's programs: a tag "<syslog_name>/<program>" with one of these is Postfix's. */
const POSTFIX_PROGRAMS = new Set([
  'smtp', 'lmtp', 'error', 'retry', 'qmgr', 'oqmgr', 'nqmgr', 'pickup', 'cleanup', 'smtpd', 'postscreen', 'dnsblog', 'local',
  'virtual', 'pipe', 'bounce', 'defer', 'trace', 'anvil', 'scache', 'tlsmgr', 'tlsproxy', 'master', 'postfix-script', 'postlogd',
  'postsuper', 'postqueue', 'postdrop', 'sendmail', 'verify', 'flush', 'showq', 'discard', 'proxymap', 'trivial-rewrite',
  'spawn', 'postmap', 'postalias', 'qmqpd', 'postlog', 'postfix', 'postmulti', 'postconf', 'postkick', 'postlock', 'smtp-sink',
]);

export type PrefixResult = 'ok' | 'unknown-format' | 'other-program';

/** What a quick look at a line says (classify()). */
export const enum Quick { Unknown, Other, PostfixOther, Used, Json }

/** The three letters of each month as one number, for a check that allocates nothing. */
const MONTH_CODES = new Set(Object.keys({ Jan: 0, Feb: 0, Mar: 0, Apr: 0, May: 0, Jun: 0, Jul: 0, Aug: 0, Sep: 0, Oct: 0, Nov: 0, Dec: 0 }).map((m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2)));

/**
 * Classifies the line s[start, end) without allocating (except to look up an unusual
 * program name): its format, whether it is Postfix's, and whether its program is one
 * whose lines the explainer reads (smtp, lmtp, error, retry, local, virtual, pipe,
 * discard). Most lines of a mail log are other programs' or Postfix lines about other
 * things: they are counted from this look alone. `resolution` receives the timestamp's step.
 */
export function classify(s: string, start: number, end: number, out: { format: FormatId; resolution: number }): Quick {
  const c = s.charCodeAt(start);
  let p: number;
  if (c >= 65 && c <= 90) {
    if (!MONTH_CODES.has((c << 16) | (s.charCodeAt(start + 1) << 8) | s.charCodeAt(start + 2))) return Quick.Unknown;
    if (s.charCodeAt(start + 3) !== 32 || s.charCodeAt(start + 6) !== 32 || s.charCodeAt(start + 9) !== 58 || s.charCodeAt(start + 12) !== 58) return Quick.Unknown;
    const d = s.charCodeAt(start + 4);
    if (!(d === 32 || isDigit(d)) || !isDigit(s.charCodeAt(start + 5)) || !isDigit(s.charCodeAt(start + 7)) || !isDigit(s.charCodeAt(start + 8))
      || !isDigit(s.charCodeAt(start + 10)) || !isDigit(s.charCodeAt(start + 11)) || !isDigit(s.charCodeAt(start + 13)) || !isDigit(s.charCodeAt(start + 14))) return Quick.Unknown;
    // The same ranges as PrefixReader.classic().
    const day = (d === 32 ? 0 : digit(d) * 10) + digit(s.charCodeAt(start + 5));
    if (day < 1 || day > 31 || twoDigits(s, start + 7) > 23 || twoDigits(s, start + 10) > 59 || twoDigits(s, start + 13) > 60) return Quick.Unknown;
    p = start + 15;
    out.format = 'syslog';
    out.resolution = 1;
    if (s.charCodeAt(p) === 46) {
      const from = ++p;
      while (isDigit(s.charCodeAt(p)) && p - from < 9) p++;
      if (p === from) return Quick.Unknown;
      out.resolution = 10 ** -(p - from);
    }
  } else if (isDigit(c)) {
    const sep = s.charCodeAt(start + 10);
    if (s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45 || (sep !== 84 && sep !== 32) || s.charCodeAt(start + 13) !== 58 || s.charCodeAt(start + 16) !== 58) return Quick.Unknown;
    if (twoDigits(s, start) === 99 || twoDigits(s, start + 2) === 99 || twoDigits(s, start + 5) === 99 || twoDigits(s, start + 8) === 99) return Quick.Unknown;
    if (twoDigits(s, start + 11) > 23 || twoDigits(s, start + 14) > 59 || twoDigits(s, start + 17) > 60) return Quick.Unknown;
    out.format = 'rfc3339';
    out.resolution = 1;
    let zoneAt = start + 19;
    if (s.charCodeAt(zoneAt) === 46) {
      let q = start + 20;
      while (isDigit(s.charCodeAt(q)) && q - start - 20 < 9) q++;
      if (q === start + 20) return Quick.Unknown;
      out.resolution = 10 ** -(q - start - 20);
      zoneAt = q;
    }
    p = s.indexOf(' ', zoneAt);
    if (p < 0 || p >= end || !isZone(s, zoneAt, p)) return Quick.Unknown;
  } else if (c === 123) return Quick.Json;
  else return Quick.Unknown;
  if (s.charCodeAt(p) !== 32) return Quick.Unknown;
  const hostEnd = s.indexOf(' ', p + 1);
  if (hostEnd <= p + 1 || hostEnd >= end) return Quick.Unknown;
  const colon = s.indexOf(': ', hostEnd + 1);
  if (colon < 0 || colon >= end) return Quick.Unknown;
  let tagEnd = colon;
  if (s.charCodeAt(colon - 1) === 93) {
    const open = s.lastIndexOf('[', colon);
    if (open > hostEnd) tagEnd = open;
  }
  if (tagEnd <= hostEnd + 1) return Quick.Unknown;
  // A tag has no blank (else the line is not "host tag[pid]: ...").
  const blank = s.indexOf(' ', hostEnd + 1);
  if (blank >= 0 && blank < tagEnd) return Quick.Unknown;
  const slash = s.lastIndexOf('/', tagEnd - 1);
  if (slash <= hostEnd) return tagEnd - hostEnd - 1 === 7 && s.startsWith('postfix', hostEnd + 1) ? Quick.PostfixOther : Quick.Other;
  const at = slash + 1;
  switch (tagEnd - at) {
    case 4:
      if (s.startsWith('smtp', at) || s.startsWith('lmtp', at) || s.startsWith('pipe', at)) return Quick.Used;
      if (s.startsWith('qmgr', at)) return Quick.PostfixOther;
      break;
    case 5:
      if (s.startsWith('error', at) || s.startsWith('retry', at) || s.startsWith('local', at)) return Quick.Used;
      if (s.startsWith('smtpd', at)) return Quick.PostfixOther;
      break;
    case 7:
      if (s.startsWith('virtual', at) || s.startsWith('discard', at)) return Quick.Used;
      if (s.startsWith('cleanup', at)) return Quick.PostfixOther;
      break;
  }
  return POSTFIX_PROGRAMS.has(s.slice(at, tagEnd)) ? Quick.PostfixOther : Quick.Other;
}

const digit = (c: number): number => c - 48;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Whether s[from, to) is a zone PrefixReader.iso() takes: none, "Z", "+HH:MM" or "+HHMM". */
function isZone(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n === 0) return true;
  if (n === 1) return s.charCodeAt(from) === 90;
  const sign = s.charCodeAt(from);
  if ((sign !== 43 && sign !== 45) || twoDigits(s, from + 1) === 99) return false;
  if (n === 5) return twoDigits(s, from + 3) !== 99;
  return n === 6 && s.charCodeAt(from + 3) === 58 && twoDigits(s, from + 4) !== 99;
}

/** The number of two characters at `at`, or 99 when they are not digits. */
const twoDigits = (s: string, at: number): number => {
  const a = s.charCodeAt(at);
  const b = s.charCodeAt(at + 1);
  return isDigit(a) && isDigit(b) ? digit(a) * 10 + digit(b) : 99;
};

/** Reads line prefixes; holds the year of classic timestamps and a small conversion cache. */
export class PrefixReader {
  readonly prefix: LinePrefix = { format: 'syslog', time: 0, resolution: 1, host: '', tag: '', program: '', pid: '', message: '' };
  private year: number | undefined;
  private lastMonth = -1;
  private hourKey = -1;
  private hourEpoch = 0;
  private isoDateKey = '';
  private isoDateEpoch = 0;
  private isoZoneKey = '';
  private isoZoneOffset = 0;

  /** `referenceTime`: when the log was last written (a classic line's date is not after it). */
  constructor(private readonly referenceTime: number) {}

  /** Reads the prefix of `line` into `this.prefix`. */
  read(line: string): PrefixResult {
    const c = line.charCodeAt(0);
    let rest: number;
    if (c >= 65 && c <= 90) rest = this.classic(line);
    else if (isDigit(c)) rest = this.iso(line);
    else if (c === 123) return this.json(line);
    else return 'unknown-format';
    if (rest < 0) return 'unknown-format';
    return this.hostAndTag(line, rest);
  }

  /** "Mmm dd HH:MM:SS[.f] " -> the offset after the blank, or -1. */
  private classic(s: string): number {
    const month = MONTHS[s.slice(0, 3)];
    if (month === undefined || s.charCodeAt(3) !== 32 || s.charCodeAt(6) !== 32 || s.charCodeAt(9) !== 58 || s.charCodeAt(12) !== 58) return -1;
    const d1 = s.charCodeAt(4);
    const day = d1 === 32 ? (isDigit(s.charCodeAt(5)) ? digit(s.charCodeAt(5)) : 99) : twoDigits(s, 4);
    const h = twoDigits(s, 7);
    const m = twoDigits(s, 10);
    const sec = twoDigits(s, 13);
    if (!(day >= 1 && day <= 31 && h >= 0 && h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 60)) return -1;
    const [frac, resolution, end] = fraction(s, 15);
    if (s.charCodeAt(end) !== 32) return -1;
    const year = this.yearFor(month, day);
    const key = ((year * 12 + month) * 32 + day) * 24 + h;
    if (key !== this.hourKey) {
      this.hourKey = key;
      this.hourEpoch = new Date(year, month, day, h).getTime() / 1000;
    }
    const p = this.prefix;
    p.format = 'syslog';
    p.time = this.hourEpoch + m * 60 + sec + frac;
    p.resolution = resolution;
    return end + 1;
  }

  /** The year of a classic timestamp: the reference time's (or the year before, if that is later than the log), then +1 at each turn of the year. */
  private yearFor(month: number, day: number): number {
    if (this.year === undefined) {
      const ref = new Date(this.referenceTime * 1000);
      this.year = ref.getFullYear();
      // A line dated after the reference time (by more than a day) is from the year before.
      if (new Date(this.year, month, day).getTime() / 1000 > this.referenceTime + 86400) this.year--;
    } else if (month < this.lastMonth - 6) this.year++;
    this.lastMonth = month;
    return this.year;
  }

  /** "YYYY-MM-DDTHH:MM:SS[.f][Z|+HH:MM|+HHMM] " -> the offset after the blank, or -1. */
  private iso(s: string): number {
    if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (s.charCodeAt(10) !== 84 && s.charCodeAt(10) !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return -1;
    if (twoDigits(s, 0) === 99 || twoDigits(s, 2) === 99 || twoDigits(s, 5) === 99 || twoDigits(s, 8) === 99) return -1;
    const h = twoDigits(s, 11);
    const m = twoDigits(s, 14);
    const sec = twoDigits(s, 17);
    if (!(h >= 0 && h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 60)) return -1;
    const [frac, resolution, zoneAt] = fraction(s, 19);
    let end = s.indexOf(' ', zoneAt);
    if (end < 0 || end - zoneAt > 6) return -1;
    const zone = s.slice(zoneAt, end);
    const date = s.slice(0, 10);
    let dayEpoch: number;
    let offset: number;
    if (zone === '') {
      // No zone: local time, like classic syslog.
      dayEpoch = new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h).getTime() / 1000 - h * 3600;
      offset = 0;
    } else {
      if (date !== this.isoDateKey) {
        const epoch = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 1000;
        if (Number.isNaN(epoch)) return -1;
        this.isoDateKey = date;
        this.isoDateEpoch = epoch;
      }
      if (zone !== this.isoZoneKey) {
        const z = /^(?:Z|([+-])(\d\d):?(\d\d))$/.exec(zone);
        if (!z) return -1;
        this.isoZoneKey = zone;
        this.isoZoneOffset = z[1] ? (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3]) * 60) : 0;
      }
      dayEpoch = this.isoDateEpoch;
      offset = this.isoZoneOffset;
    }
    if (Number.isNaN(dayEpoch)) return -1;
    const p = this.prefix;
    p.format = 'rfc3339';
    p.time = dayEpoch + h * 3600 + m * 60 + sec + frac - offset;
    p.resolution = resolution;
    return ++end;
  }

  /** "host tag[pid]: message" from `at`. */
  private hostAndTag(s: string, at: number): PrefixResult {
    const hostEnd = s.indexOf(' ', at);
    if (hostEnd <= at) return 'unknown-format';
    const colon = s.indexOf(': ', hostEnd + 1);
    if (colon < 0) return 'unknown-format';
    const p = this.prefix;
    let tagEnd = colon;
    p.pid = '';
    if (s.charCodeAt(colon - 1) === 93) {
      const open = s.lastIndexOf('[', colon);
      if (open > hostEnd) {
        tagEnd = open;
        p.pid = s.slice(open + 1, colon - 1);
      }
    }
    const tag = s.slice(hostEnd + 1, tagEnd);
    if (tag.indexOf(' ') >= 0) return 'unknown-format';
    p.host = s.slice(at, hostEnd);
    return this.setTag(tag, s.slice(colon + 2));
  }

  private setTag(tag: string, message: string): PrefixResult {
    const slash = tag.lastIndexOf('/');
    const program = tag.slice(slash + 1);
    // Postfix tags are syslog_name/program; the postfix(1) command logs as plain "postfix".
    if ((slash < 0 && tag !== 'postfix') || !POSTFIX_PROGRAMS.has(program)) return 'other-program';
    const p = this.prefix;
    p.tag = tag;
    p.program = program;
    p.message = message;
    return 'ok';
  }

  /** One `journalctl -o json` record. */
  private json(line: string): PrefixResult {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return 'unknown-format';
    }
    const micro = Number(record.__REALTIME_TIMESTAMP);
    const message = textOf(record.MESSAGE);
    if (!record || typeof record !== 'object' || !Number.isFinite(micro) || message === undefined) return 'unknown-format';
    const p = this.prefix;
    p.format = 'journal-json';
    p.time = micro / 1e6;
    p.resolution = 1e-6;
    p.host = typeof record._HOSTNAME === 'string' ? record._HOSTNAME : 'localhost';
    p.pid = String(record.SYSLOG_PID ?? record._PID ?? '');
    const tag = typeof record.SYSLOG_IDENTIFIER === 'string' ? record.SYSLOG_IDENTIFIER : '';
    return this.setTag(tag, message);
  }
}

/** A fraction of a second after position `at` (".123"): its value, the step it shows, and where it ends. */
function fraction(s: string, at: number): [number, number, number] {
  if (s.charCodeAt(at) !== 46) return [0, 1, at];
  let i = at + 1;
  let value = 0;
  while (isDigit(s.charCodeAt(i)) && i - at <= 9) value = value * 10 + digit(s.charCodeAt(i++));
  const digits = i - at - 1;
  return digits ? [value / 10 ** digits, 10 ** -digits, i] : [0, 1, at];
}

/** The journal's MESSAGE: a string, or an array of bytes when it is not valid UTF-8. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(value as number[]));
  return undefined;
}
