/**
 * A receiver's chart as inline SVG: one lane per sending host, time across. In each lane
 * the band between the certain and the possible count of open sessions, the deliveries in
 * progress as a line, the declared cap as a dashed line, retry waves and suspensions
 * shaded, and 421s and other 4xx replies as ticks below. Numbers only come from the
 * report; the only text is escaped.
 */
import type { ChartBucket, LaneReport, ReceiverReport } from '../types';
import { esc } from './escape';
import { formatTime } from './words';

const WIDTH = 880;
const LANE = 150;
const LEFT = 40;
const TOP = 10;
const MARKS = 18;

const n = (x: number): string => (Math.round(x * 10) / 10).toString();

export function receiverChart(r: ReceiverReport, resolution: number): string {
  const lanes = r.lanes;
  if (!lanes.length) return '';
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const l of lanes) {
    t0 = Math.min(t0, l.chart.start);
    t1 = Math.max(t1, l.chart.start + l.chart.width * l.chart.buckets.length);
  }
  for (const w of [...r.waves, ...r.suspensions]) {
    t0 = Math.min(t0, w.start);
    t1 = Math.max(t1, w.end + 1);
  }
  if (!(t1 > t0)) t1 = t0 + 1;
  const x = (t: number): number => LEFT + ((t - t0) / (t1 - t0)) * (WIDTH - LEFT - 10);
  const height = TOP + lanes.length * (LANE + MARKS + 24) + 20;
  const parts: string[] = [`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(`Sessions to ${r.key} over time`)}">`];
  lanes.forEach((lane, i) => parts.push(laneChart(lane, { r, x, top: TOP + i * (LANE + MARKS + 24), t0, t1 })));
  const bottom = height - 6;
  parts.push(`<text class="axis" x="${LEFT}" y="${bottom}">${esc(formatTime(t0, resolution))}</text>`);
  parts.push(`<text class="axis" x="${WIDTH - 10}" y="${bottom}" text-anchor="end">${esc(formatTime(t1, resolution))}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

interface LaneContext {
  r: ReceiverReport;
  x: (t: number) => number;
  top: number;
  t0: number;
  t1: number;
}

function laneChart(lane: LaneReport, c: LaneContext): string {
  const { chart } = lane;
  const cap = c.r.declared?.maxConnections ?? 0;
  const inferred = c.r.cap.value ?? 0;
  const yMax = Math.max(1, lane.peakPossible.count, cap, inferred) + 1;
  const base = c.top + 16 + LANE;
  const y = (v: number): number => base - (v / yMax) * LANE;
  const out: string[] = [`<g class="lane">`, `<text class="lane-title" x="${LEFT}" y="${c.top + 10}">${esc(lane.host)}</text>`];
  for (const w of c.r.waves) out.push(`<rect class="wave" x="${n(c.x(w.start))}" y="${n(y(yMax))}" width="${n(Math.max(2, c.x(w.end + 1) - c.x(w.start)))}" height="${LANE}"><title>${esc(`retry wave: ${w.attempts} attempts`)}</title></rect>`);
  for (const s of c.r.suspensions) out.push(`<rect class="suspended" x="${n(c.x(s.start))}" y="${n(y(yMax))}" width="${n(Math.max(2, c.x(s.end + 1) - c.x(s.start)))}" height="${LANE}"><title>${esc(`destination suspended: ${s.deferrals} deferrals`)}</title></rect>`);
  for (let v = 0; v <= yMax; v += Math.max(1, Math.ceil(yMax / 5))) {
    out.push(`<line class="grid" x1="${LEFT}" x2="${WIDTH - 10}" y1="${n(y(v))}" y2="${n(y(v))}"/><text class="axis" x="${LEFT - 6}" y="${n(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  const step = (value: (b: ChartBucket) => number): string[] => {
    const pts: string[] = [];
    chart.buckets.forEach((b, i) => {
      const a = c.x(chart.start + i * chart.width);
      const e = c.x(chart.start + (i + 1) * chart.width);
      pts.push(`${n(a)},${n(y(value(b)))}`, `${n(e)},${n(y(value(b)))}`);
    });
    return pts;
  };
  const upper = step((b) => b.possible);
  const lower = step((b) => b.certain).reverse();
  if (upper.length) out.push(`<polygon class="band" points="${upper.join(' ')} ${lower.join(' ')}"/>`);
  if (upper.length) out.push(`<polyline class="certain" points="${step((b) => b.certain).join(' ')}"/>`);
  if (upper.length) out.push(`<polyline class="active" points="${step((b) => b.activePossible).join(' ')}"/>`);
  if (cap) out.push(`<line class="cap" x1="${LEFT}" x2="${WIDTH - 10}" y1="${n(y(cap))}" y2="${n(y(cap))}"><title>${esc(`declared cap ${cap}`)}</title></line>`);
  if (inferred && inferred !== cap) out.push(`<line class="inferred" x1="${LEFT}" x2="${WIDTH - 10}" y1="${n(y(inferred))}" y2="${n(y(inferred))}"><title>${esc(`inferred cap ${inferred}`)}</title></line>`);
  chart.buckets.forEach((b, i) => {
    const a = n(c.x(chart.start + (i + 0.5) * chart.width));
    if (b.refusals) out.push(`<line class="refusal" x1="${a}" x2="${a}" y1="${base + 3}" y2="${base + MARKS - 4}"><title>${esc(`${b.refusals} × 421`)}</title></line>`);
    if (b.otherTempFailures) out.push(`<line class="tempfail" x1="${a}" x2="${a}" y1="${base + 3}" y2="${base + MARKS / 2}"><title>${esc(`${b.otherTempFailures} × other 4xx`)}</title></line>`);
    if (b.suspended) out.push(`<line class="suspend-mark" x1="${a}" x2="${a}" y1="${base + MARKS / 2}" y2="${base + MARKS - 4}"><title>${esc(`${b.suspended} × suspended`)}</title></line>`);
  });
  out.push('</g>');
  return out.join('');
}
