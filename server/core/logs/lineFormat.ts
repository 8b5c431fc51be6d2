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

const digit = (c: number): number => c - 48;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

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
    const day = (d1 === 32 ? 0 : digit(d1) * 10) + digit(s.charCodeAt(5));
    const h = digit(s.charCodeAt(7)) * 10 + digit(s.charCodeAt(8));
    const m = digit(s.charCodeAt(10)) * 10 + digit(s.charCodeAt(11));
    const sec = digit(s.charCodeAt(13)) * 10 + digit(s.charCodeAt(14));
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
    const h = digit(s.charCodeAt(11)) * 10 + digit(s.charCodeAt(12));
    const m = digit(s.charCodeAt(14)) * 10 + digit(s.charCodeAt(15));
    const sec = digit(s.charCodeAt(17)) * 10 + digit(s.charCodeAt(18));
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
