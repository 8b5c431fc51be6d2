/**
 * The budget lab's receiver record (sessions.jsonl, written by sink.py beside the run's
 * maillog) as the truth the log explainer is checked against: how many sessions the
 * receiver had open at any time, when it refused, and when it peaked. Also runs the
 * explainer on a lab run's files, with the run's own configuration.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigFiles, DEFAULT_SETTINGS, LogReport, createLanguageService } from '../../server/core/languageService';

export interface SessionEvent {
  ev: 'open' | 'close' | 'refused';
  t: number;
  open_now: number;
  local: string;
}

export interface Truth {
  events: SessionEvent[];
  /** Open sessions at time t (after every event at or before t), over the addresses `local` starts with. */
  at(t: number): number;
  refusals: SessionEvent[];
  peak: number;
  /** The times the count rose to its peak. */
  peakTimes: number[];
  start: number;
  end: number;
}

/** Reads sessions.jsonl; `address` keeps only sessions to one listen address ("127.0.0.2:"). */
export function readTruth(file: string, address = ''): Truth {
  const all = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as SessionEvent);
  const events = all.filter((e) => e.local.startsWith(address)).sort((a, b) => a.t - b.t);
  // Count per address from opens and closes: open_now in the file counts every address.
  const counts: { t: number; n: number }[] = [];
  let n = 0;
  for (const e of events) {
    if (e.ev === 'open') n++;
    else if (e.ev === 'close') n--;
    counts.push({ t: e.t, n });
  }
  const at = (t: number): number => {
    let lo = 0;
    let hi = counts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (counts[mid].t <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : counts[found].n;
  };
  const peak = counts.reduce((m, c) => Math.max(m, c.n), 0);
  const peakTimes = counts.filter((c, i) => c.n === peak && (i === 0 || counts[i - 1].n < peak)).map((c) => c.t);
  return {
    events, at, refusals: events.filter((e) => e.ev === 'refused'), peak, peakTimes,
    start: events.length ? events[0].t : 0, end: events.length ? events[events.length - 1].t : 0,
  };
}

/** Times to check: every refusal, every rise to the peak, and every 0.1 s over the run. */
export function checkTimes(truth: Truth): number[] {
  const grid: number[] = [];
  for (let t = truth.start - 2; t < truth.end + 2; t += 0.1) grid.push(t);
  return [...truth.refusals.map((e) => e.t), ...truth.peakTimes, ...grid];
}

/** The log file of a lab run folder: maillog (maillog_file) or mail.log (syslog). */
export function logOf(dir: string): string {
  return ['maillog', 'mail.log'].map((f) => path.join(dir, f)).find(existsSync) ?? path.join(dir, 'maillog');
}

/**
 * Explains a lab run's log with its own main.cf and master.cf, asking for the counts at
 * `probes`; `directive` adds a "# @receiver" line to main.cf (to group next-hops as one receiver).
 */
export function explainRun(dir: string, options: { probes?: number[]; directive?: string; referenceTime?: number; chunk?: number } = {}): LogReport {
  const service = createLanguageService();
  const mainText = readFileSync(path.join(dir, 'main.cf'), 'utf8') + (options.directive ? `\n${options.directive}\n` : '');
  const main = service.parse('main', pathToFileURL(path.join(dir, 'main.cf')).href, mainText) as ConfigFiles['main'];
  const master = service.parse('master', pathToFileURL(path.join(dir, 'master.cf')).href, readFileSync(path.join(dir, 'master.cf'), 'utf8')) as ConfigFiles['master'];
  const text = readFileSync(logOf(dir), 'utf8');
  const stream = service.explainLog({ source: path.basename(dir), probes: options.probes, referenceTime: options.referenceTime }, { files: { main, master }, settings: DEFAULT_SETTINGS });
  const size = options.chunk ?? text.length;
  for (let i = 0; i < text.length; i += size) stream.write(text.slice(i, i + size));
  return stream.end();
}

/** Probes that broke certain <= truth <= possible, as readable lines. */
export function violations(report: LogReport, truth: Truth, receiver?: string): string[] {
  const out: string[] = [];
  for (const p of report.probes) {
    if (receiver && p.receiver !== receiver) continue;
    const n = truth.at(p.at);
    if (p.open.certain > n || p.open.possible < n) out.push(`at ${p.at.toFixed(3)} ${p.receiver}: certain ${p.open.certain}, possible ${p.open.possible}, true ${n}`);
  }
  return out;
}
