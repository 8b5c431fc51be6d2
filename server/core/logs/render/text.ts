/** The report as plain text, for a terminal or an incident write-up (postfix-lint --explain-log). */
import type { LogReport, ReceiverReport } from '../types';
import { SKIP_TEXT, formatSpan, formatTime, linesSentence, plural, refusalSentence, resolutionOf, zoneOf } from './words';

const SHOWN_REFUSALS = 10;
const SHOWN_WAVES = 10;

export function renderText(report: LogReport): string {
  const out: string[] = [`Postfix log explained: ${oneLine(report.source)}`, linesSentence(report)];
  const res = resolutionOf(report);
  if (report.timeRange) {
    const { start, end } = report.timeRange;
    out.push(`From ${formatTime(start, res)} to ${formatTime(end, res)} (${formatSpan(end - start)}), ${report.hosts.length === 1 ? `host ${oneLine(report.hosts[0])}` : plural(report.hosts.length, 'sending host')}; times in ${zoneOf(start)}.`);
  }
  if (!report.receivers.length) out.push('', 'No delivery over SMTP in this log: nothing to explain about sessions.');
  for (const r of report.receivers) out.push('', ...receiver(r, res, report.hosts.length <= 1));
  if (report.otherReceivers.count) out.push('', `And ${plural(report.otherReceivers.count, 'other receiver')} (${plural(report.otherReceivers.deliveries, 'delivery attempt')}), with fewer refusals and deliveries.`);
  for (const p of report.probes) out.push(`At ${formatTime(p.at, res)}, ${oneLine(p.host)} had ${p.open.certain === p.open.possible ? p.open.possible : `${p.open.certain} to ${p.open.possible}`} open to ${oneLine(p.receiver)}.`);
  if (report.lines.skipped.length) {
    out.push('', 'Lines not used:');
    for (const s of report.lines.skipped) out.push(`  ${plural(s.lines, 'line')}: ${SKIP_TEXT[s.reason]}${s.example ? ` (first: line ${s.example})` : ''}`);
  }
  out.push('', 'Assumptions:', ...report.assumptions.map((a) => `  - ${a}`));
  return out.join('\n') + '\n';
}

function receiver(r: ReceiverReport, res: number, oneHost: boolean): string[] {
  const d = r.deliveries;
  const attempts = d.sent + d.deferred + d.bounced + d.other;
  const transports = r.transports.map((t) => `${t.name}${t.from === 'syslog-name' ? ' (from the syslog name)' : ''}`).join(', ');
  const out = [
    `Receiver ${oneLine(r.key)}${r.declared ? ` (declared: # @receiver ${oneLine(r.declared.name)} max-connections=${r.declared.maxConnections})` : ''}`,
    `  transports: ${oneLine(transports) || '-'}; relays: ${oneLine(r.relays.map((x) => `${x.relay} (${x.deliveries})`).join(', ')) || '-'}`,
    `  domains: ${oneLine(r.domains.map((x) => `${x.domain} (${x.deliveries})`).join(', ')) || '-'}`,
    `  ${plural(attempts, 'delivery attempt')}: ${d.sent} sent, ${d.deferred} deferred, ${d.bounced} bounced; ${plural(r.refusalCount, '421 reply', '421 replies')}, ${plural(r.otherTempFailureCount, 'other 4xx reply', 'other 4xx replies')}, ${plural(r.suspendedCount, 'suspended deferral')}, ${plural(r.reusedSessions, 'delivery', 'deliveries')} over a reused session`,
    `  inferred cap: ${r.cap.value ?? (r.cap.status === 'range' ? `${r.cap.lower?.count ?? 1} to ${r.cap.upper?.count}` : 'not pinned down')}. ${r.cap.text}`,
  ];
  for (const lane of r.lanes) {
    out.push(`  peak${oneHost ? '' : ` from ${oneLine(lane.host)}`}: ${lane.peakCertain.count} certain${lane.peakCertain.count ? ` at ${formatTime(lane.peakCertain.at, res, false)}` : ''}, up to ${lane.peakPossible.count} possible${lane.peakPossible.count ? ` at ${formatTime(lane.peakPossible.at, res, false)}` : ''}`);
  }
  if (r.refusals.length) {
    out.push('  refusals:');
    for (const f of r.refusals.slice(0, SHOWN_REFUSALS)) out.push(`    ${oneLine(refusalSentence(f, res, oneHost))}`);
    const more = r.refusals.length - SHOWN_REFUSALS + r.refusalsOmitted;
    if (more > 0) out.push(`    and ${plural(more, 'more refusal')}`);
  }
  if (r.waves.length) {
    const waves = r.waves.slice(0, SHOWN_WAVES).map((w) => `${formatTime(w.start, res, false)} (${plural(w.attempts, 'attempt')}: ${w.sent} sent, ${w.deferred} deferred, ${w.suspended} suspended)`);
    out.push(`  retry waves: ${waves.join('; ')}${r.waves.length > SHOWN_WAVES ? `; and ${plural(r.waves.length - SHOWN_WAVES, 'more wave')}` : ''}`);
  }
  if (r.suspensions.length) {
    out.push(`  destination suspended (failed cohort): ${r.suspensions.map((s) => `${formatTime(s.start, res, false)} to ${formatTime(s.end, res, false)} (${plural(s.deferrals, 'deferral')})`).join('; ')}`);
  }
  return out;
}

/** Log text may hold control characters: one line, printable. */
function oneLine(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, '?');
}
