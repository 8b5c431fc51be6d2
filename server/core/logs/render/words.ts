/** Phrasing shared by the text and HTML reports: times, counts, refusals, skipped lines. */
import type { Bounds, LogReport, RefusalReport, SkipReason } from '../types';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The finest resolution among the report's formats (1 s for classic syslog). */
export function resolutionOf(report: LogReport): number {
  return report.formats.length ? Math.min(...report.formats.map((f) => f.resolution)) : 1;
}

/** A time in this machine's zone: "2026-12-03 12:09:08", with milliseconds when the log has them. */
export function formatTime(t: number, resolution = 1, withDate = true): string {
  const d = new Date(t * 1000);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${resolution < 1 ? `.${pad(d.getMilliseconds(), 3)}` : ''}`;
  return withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}` : clock;
}

/** "UTC+02:00": the zone formatTime uses, at time t. */
export function zoneOf(t: number): string {
  const offset = -new Date(t * 1000).getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `UTC${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** "37 s", "12 min", "3.5 h". */
export function formatSpan(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "2 sessions", "up to 3 sessions", "1 to 3 sessions". */
export function range(b: Bounds, one: string, many = `${one}s`): string {
  const word = b.possible === 1 ? one : many;
  if (b.certain === b.possible) return `${b.possible} ${word}`;
  if (b.certain === 0) return `up to ${b.possible} ${word}`;
  return `${b.certain} to ${b.possible} ${word}`;
}

/**
 * "at 10:02:03.412 mx1.orange.fr[193.252.22.65] answered 421 while this host had 3
 * deliveries in progress and up to 1 cached idle session to it (queue IDs A, B)".
 */
export function refusalSentence(r: RefusalReport, resolution: number, oneHost: boolean): string {
  const who = oneHost ? 'this host' : r.host;
  const phase = r.phase && r.phase !== 'greeting' ? ` to ${r.phase}` : '';
  const idle = r.idle.possible === 0 ? 'no idle session' : range(r.idle, 'cached idle session');
  const ids = r.inProgress.length ? ` (queue IDs ${r.inProgress.join(', ')})` : '';
  return `at ${formatTime(r.at, resolution, false)} ${r.relay} answered ${r.code}${phase} while ${who} had ${range(r.active, 'delivery', 'deliveries')} in progress and ${idle} to it${ids}`;
}

export const SKIP_TEXT: Record<SkipReason, string> = {
  'postfix-other': 'Postfix lines about other things (pickup, cleanup, qmgr, smtpd, ...)',
  'no-session': 'deliveries without an SMTP session (local, virtual, pipe, relay=none)',
  'other-program': 'lines from other programs',
  'unknown-format': 'lines in no known format (not syslog, RFC 3339 or journal JSON)',
  malformed: 'delivery lines cut short or malformed',
  overlong: 'lines longer than 64 KB',
  'out-of-order': 'lines older than what was already counted (a clock set back, or files out of order)',
  'clock-jump': 'lines far ahead of the lines around them (a garbled clock)',
  'too-many-hosts': 'lines from hosts beyond the first 64',
  'too-many-receivers': 'lines for receivers beyond the first 20,000',
};

export const FORMAT_TEXT: Record<LogReport['formats'][number]['format'], string> = {
  syslog: 'classic syslog or maillog_file',
  rfc3339: 'RFC 3339',
  'journal-json': 'journalctl JSON',
};

/** "1 s", "1 ms", "1 µs". */
export function formatResolution(r: number): string {
  if (r >= 1) return `${r} s`;
  if (r >= 1e-3) return `${Math.round(r * 1e3)} ms`;
  return `${Math.round(r * 1e6)} µs`;
}

/** The one-line account of what was read and what was used. */
export function linesSentence(report: LogReport): string {
  const formats = report.formats.map((f) => `${FORMAT_TEXT[f.format]}, ${formatResolution(f.resolution)} resolution`).join('; ');
  return `Read ${plural(report.lines.total, 'line')}${formats ? ` (${formats})` : ''}; used ${plural(report.lines.used, 'line')}.`;
}
