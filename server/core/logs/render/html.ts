/**
 * The report as HTML: a body and a style sheet that a host wraps in its own page (the VS
 * Code webview adds its content security policy and a nonce'd script for the buttons), or
 * one self-contained file (postfix-lint --format html) whose policy allows nothing but its
 * own style. No script here, no inline style attribute, no external resource; every text
 * from the log goes through esc().
 */
import type { LogReport, ReceiverReport } from '../types';
import { esc } from './escape';
import { receiverChart } from './svg';
import { SKIP_TEXT, formatSpan, formatTime, linesSentence, plural, refusalSentence, resolutionOf, zoneOf } from './words';

export interface HtmlOptions {
  /** Offer the buttons that write an inferred cap (the webview handles their clicks). */
  actions?: boolean;
}

const SHOWN_REFUSALS = 50;

export const REPORT_STYLE = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); color: var(--vscode-foreground, #1f1f1f); background: var(--vscode-editor-background, #fff); margin: 16px; line-height: 1.4; }
h1 { font-size: 1.4em; margin: 0 0 .3em; } h2 { font-size: 1.15em; margin: 1.6em 0 .3em; border-bottom: 1px solid var(--vscode-panel-border, #ccc); }
.muted { opacity: .75; } .cap { font-weight: 600; } .cap-box { padding: 6px 10px; border-left: 4px solid var(--vscode-textLink-foreground, #0066bf); margin: .6em 0; }
table { border-collapse: collapse; margin: .4em 0; } td, th { padding: 2px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--vscode-panel-border, #ddd); }
code { font-family: var(--vscode-editor-font-family, monospace); }
button { font: inherit; padding: 3px 10px; color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #0066bf); border: none; cursor: pointer; }
svg.chart { max-width: 100%; height: auto; } svg .axis, svg .lane-title { font-size: 11px; fill: currentColor; }
svg .grid { stroke: currentColor; stroke-opacity: .12; } svg .band { fill: #3b82f6; fill-opacity: .28; stroke: none; }
svg .certain { fill: none; stroke: #2563eb; stroke-width: 1.5; } svg .active { fill: none; stroke: #16a34a; stroke-width: 1.2; stroke-dasharray: 3 2; }
svg .cap { stroke: #dc2626; stroke-width: 1.5; stroke-dasharray: 6 4; } svg .inferred { stroke: #d97706; stroke-width: 1.5; stroke-dasharray: 2 3; }
svg .wave { fill: #a855f7; fill-opacity: .12; } svg .suspended { fill: #6b7280; fill-opacity: .25; }
svg .refusal { stroke: #dc2626; stroke-width: 2; } svg .tempfail { stroke: #d97706; stroke-width: 2; } svg .suspend-mark { stroke: #6b7280; stroke-width: 2; }
.legend span { margin-right: 14px; } .key { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; }
.k-band { background: rgba(59,130,246,.35); } .k-certain { background: #2563eb; } .k-active { background: #16a34a; } .k-cap { background: #dc2626; } .k-inferred { background: #d97706; } .k-wave { background: rgba(168,85,247,.3); } .k-susp { background: rgba(107,114,128,.45); }
`;

/** The report's body (HTML) and style sheet (CSS). */
export function renderHtmlParts(report: LogReport, options: HtmlOptions = {}): { body: string; style: string } {
  const res = resolutionOf(report);
  const out: string[] = [`<h1>Postfix log explained: ${esc(report.source)}</h1>`, `<p>${esc(linesSentence(report))}</p>`];
  if (report.timeRange) {
    const { start, end } = report.timeRange;
    out.push(`<p class="muted">From ${esc(formatTime(start, res))} to ${esc(formatTime(end, res))} (${esc(formatSpan(end - start))}); ${esc(plural(report.hosts.length, 'sending host'))}: ${esc(report.hosts.join(', '))}; times in ${esc(zoneOf(start))}.</p>`);
  }
  if (!report.receivers.length) out.push('<p>No delivery over SMTP in this log: nothing to explain about sessions.</p>');
  else out.push(legend());
  report.receivers.forEach((r, i) => out.push(receiver(r, i, res, report.hosts.length <= 1, options)));
  if (report.otherReceivers.count) out.push(`<p class="muted">And ${esc(plural(report.otherReceivers.count, 'other receiver'))} (${esc(plural(report.otherReceivers.deliveries, 'delivery attempt'))}), with fewer refusals and deliveries.</p>`);
  if (report.lines.skipped.length) {
    out.push('<h2>Lines not used</h2><table><tr><th>lines</th><th>why</th><th>first</th></tr>');
    for (const s of report.lines.skipped) out.push(`<tr><td>${s.lines}</td><td>${esc(SKIP_TEXT[s.reason])}</td><td>${s.example ? `line ${s.example}` : ''}</td></tr>`);
    out.push('</table>');
  }
  out.push('<h2>Assumptions</h2><ul>', ...report.assumptions.map((a) => `<li>${esc(a)}</li>`), '</ul>');
  return { body: out.join('\n'), style: REPORT_STYLE };
}

/** One self-contained HTML file: the only thing its policy allows is its own style sheet. */
export function renderHtmlDocument(report: LogReport, nonce: string): string {
  const { body, style } = renderHtmlParts(report);
  const safeNonce = nonce.replace(/[^A-Za-z0-9+/=]/g, '');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${safeNonce}'; img-src data:">`,
    `<title>${esc(`Postfix log explained: ${report.source}`)}</title>`,
    `<style nonce="${safeNonce}">${style}</style></head><body>`,
    body,
    '</body></html>',
  ].join('\n');
}

function legend(): string {
  const item = (cls: string, text: string): string => `<span><i class="key ${cls}"></i>${text}</span>`;
  return `<p class="legend muted">${item('k-band', 'sessions open: certain to possible')}${item('k-certain', 'certain')}${item('k-active', 'deliveries possibly in progress')}${item('k-cap', 'declared cap')}${item('k-inferred', 'inferred cap')}${item('k-wave', 'retry wave')}${item('k-susp', 'destination suspended')}; ticks below: red 421, orange other 4xx, grey suspended</p>`;
}

function receiver(r: ReceiverReport, index: number, res: number, oneHost: boolean, options: HtmlOptions): string {
  const d = r.deliveries;
  const out = [`<h2>Receiver ${esc(r.key)}</h2>`];
  out.push(`<p>${esc(plural(d.sent + d.deferred + d.bounced + d.other, 'delivery attempt'))}: ${d.sent} sent, ${d.deferred} deferred, ${d.bounced} bounced; ${esc(plural(r.refusalCount, '421 reply', '421 replies'))}, ${esc(plural(r.otherTempFailureCount, 'other 4xx reply', 'other 4xx replies'))}, ${esc(plural(r.suspendedCount, 'suspended deferral'))}, ${esc(plural(r.reusedSessions, 'delivery', 'deliveries'))} over a reused session.</p>`);
  out.push(receiverChart(r, res));
  out.push(capBox(r, index, options));
  const transports = r.transports.map((t) => `${t.name}${t.from === 'syslog-name' ? ' (from the syslog name)' : ''}`).join(', ');
  out.push(`<p class="muted">Transports: <code>${esc(transports || '-')}</code>. Relays: ${esc(r.relays.map((x) => `${x.relay} (${x.deliveries})`).join(', ') || '-')}. Domains: ${esc(r.domains.map((x) => `${x.domain} (${x.deliveries})`).join(', ') || '-')}.</p>`);
  for (const lane of r.lanes) {
    out.push(`<p class="muted">Peak${oneHost ? '' : ` from ${esc(lane.host)}`}: ${lane.peakCertain.count} certain${lane.peakCertain.count ? ` at ${esc(formatTime(lane.peakCertain.at, res, false))}` : ''}, up to ${lane.peakPossible.count} possible.</p>`);
  }
  if (r.refusals.length) {
    out.push('<h3>Refusals</h3><ul>');
    for (const f of r.refusals.slice(0, SHOWN_REFUSALS)) out.push(`<li>${esc(refusalSentence(f, res, oneHost))}<br><span class="muted">${esc(f.text)}</span></li>`);
    const more = r.refusals.length - SHOWN_REFUSALS + r.refusalsOmitted;
    if (more > 0) out.push(`<li class="muted">and ${esc(plural(more, 'more refusal'))}</li>`);
    out.push('</ul>');
  }
  if (r.waves.length) {
    out.push('<h3>Retry waves</h3><table><tr><th>from</th><th>to</th><th>attempts</th><th>sent</th><th>deferred</th><th>suspended</th></tr>');
    for (const w of r.waves) out.push(`<tr><td>${esc(formatTime(w.start, res, false))}</td><td>${esc(formatTime(w.end, res, false))}</td><td>${w.attempts}</td><td>${w.sent}</td><td>${w.deferred}</td><td>${w.suspended}</td></tr>`);
    out.push('</table>');
  }
  if (r.suspensions.length) {
    out.push('<h3>Destination suspended (failed cohort)</h3><table><tr><th>from</th><th>to</th><th>deferrals</th></tr>');
    for (const s of r.suspensions) out.push(`<tr><td>${esc(formatTime(s.start, res, false))}</td><td>${esc(formatTime(s.end, res, false))}</td><td>${s.deferrals}</td></tr>`);
    out.push('</table>');
  }
  return out.join('\n');
}

function capBox(r: ReceiverReport, index: number, options: HtmlOptions): string {
  const declared = r.declared ? ` Declared: <code>${esc(`# @receiver ${r.declared.name} max-connections=${r.declared.maxConnections}`)}</code>.` : '';
  const value = r.cap.value;
  const head = value !== undefined ? `Inferred cap: ${value}` : 'Inferred cap: not pinned down';
  let action = '';
  if (options.actions && value !== undefined && r.declared?.maxConnections !== value) {
    action = `<p><button class="apply-cap" data-receiver="${index}">${esc(`Write max-connections=${value} into # @receiver ${r.declared?.name ?? r.key}`)}</button></p>`;
  } else if (options.actions && value === undefined) action = '<p class="muted">The evidence does not pin the cap down, so there is nothing to write.</p>';
  return `<div class="cap-box"><p><span class="cap">${esc(head)}.</span> ${esc(r.cap.text)}${declared}</p>${action}</div>`;
}
