/**
 * A lane's chart: counts over time in buckets, kept sparse (a bucket with nothing in it is
 * not stored), in typed arrays, and coarsened (two buckets become one) when the lane's
 * time span would need more than its limit: 150 buckets, or 600 for a receiver with
 * something to show (a 421 or a suspension). So memory stays bounded however long the log
 * (at most 600 x 32 bytes a lane); a log with thousands of receivers keeps most at 150. Counts are the largest seen in a
 * bucket (so the band "certain to possible" holds for each bucket's peak); marks are sums.
 */
import type { ChartBucket, LaneChart } from './types';

/** Columns of a bucket: four maxima, then three sums. */
export const enum Col { Certain, Possible, ActiveCertain, ActivePossible, Refusals, OtherTemp, Suspended }
const COLS = 7;
const MAXIMA = 4;
export const PLAIN_BUCKETS = 150;
export const DETAILED_BUCKETS = 600;
const FIRST_WIDTH = 0.25;

export type Counts = [number, number, number, number];

export class Chart {
  private start = NaN;
  private width = FIRST_WIDTH;
  private limit = PLAIN_BUCKETS;
  private keys = new Int32Array(4);
  private cells = new Uint32Array(4 * COLS);
  private size = 0;
  /** The counts in force since the last event, carried into buckets without events. */
  private readonly carry: Counts = [0, 0, 0, 0];
  private carryFrom = -1;

  /** From now on the chart may hold more buckets (a receiver worth a closer look). */
  detailed(): void {
    this.limit = DETAILED_BUCKETS;
  }

  /** Records that from time `t` on the counts are certain, possible, active certain, active possible (events come in time order). */
  counts(t: number, certain: number, possible: number, activeCertain: number, activePossible: number): void {
    const c = this.carry;
    // The counts before this event held from the last event's bucket up to this one.
    if (this.carryFrom >= 0 && (c[0] || c[1] || c[2] || c[3])) {
      let width = this.width;
      for (let b = this.carryFrom + 1; b < this.bucketOf(t); b++) {
        this.raise(b, c[0], c[1], c[2], c[3]);
        if (this.width !== width) {
          b = Math.floor(b * width / this.width);
          width = this.width;
        }
      }
    }
    const k = this.bucketOf(t);
    this.raise(k, certain, possible, activeCertain, activePossible);
    c[0] = certain;
    c[1] = possible;
    c[2] = activeCertain;
    c[3] = activePossible;
    this.carryFrom = k;
  }

  /** Adds one to a mark column at time `t`. */
  mark(t: number, col: Col.Refusals | Col.OtherTemp | Col.Suspended): void {
    this.cells[this.cell(this.bucketOf(t)) + col]++;
  }

  result(): LaneChart {
    const buckets: ChartBucket[] = [];
    const start = Number.isNaN(this.start) ? 0 : this.start;
    const last = this.size ? this.keys[this.size - 1] : -1;
    let j = 0;
    for (let k = 0; k <= last; k++) {
      if (this.keys[j] === k && j < this.size) {
        const v = this.cells;
        const c = j * COLS;
        buckets.push({ certain: v[c], possible: v[c + 1], activeCertain: v[c + 2], activePossible: v[c + 3], refusals: v[c + 4], otherTempFailures: v[c + 5], suspended: v[c + 6] });
        j++;
      } else buckets.push({ certain: 0, possible: 0, activeCertain: 0, activePossible: 0, refusals: 0, otherTempFailures: 0, suspended: 0 });
    }
    return { start, width: this.width, buckets };
  }

  private bucketOf(t: number): number {
    if (Number.isNaN(this.start)) this.start = Math.floor(t / FIRST_WIDTH) * FIRST_WIDTH;
    // The span from the first bucket never needs more than the limit.
    while ((t - this.start) / this.width >= this.limit) this.coarsen();
    return Math.max(0, Math.floor((t - this.start) / this.width));
  }

  private raise(k: number, c0: number, c1: number, c2: number, c3: number): void {
    const at = this.cell(k);
    const v = this.cells;
    if (c0 > v[at]) v[at] = c0;
    if (c1 > v[at + 1]) v[at + 1] = c1;
    if (c2 > v[at + 2]) v[at + 2] = c2;
    if (c3 > v[at + 3]) v[at + 3] = c3;
  }

  /** The offset of bucket `k`'s cells, creating it (buckets are created in time order). */
  private cell(k: number): number {
    const n = this.size;
    if (n && this.keys[n - 1] === k) return (n - 1) * COLS;
    if (n && this.keys[n - 1] > k) {
      // Behind the last bucket (an event at the same instant after a coarsening): the nearest before.
      let j = n - 1;
      while (j > 0 && this.keys[j] > k) j--;
      return j * COLS;
    }
    if (n === this.keys.length) {
      // Never more room than the limit: a bucket index is always below it (bucketOf).
      const room = Math.max(n + 1, Math.min(n * 2, this.limit));
      const keys = new Int32Array(room);
      keys.set(this.keys);
      this.keys = keys;
      const cells = new Uint32Array(room * COLS);
      cells.set(this.cells);
      this.cells = cells;
    }
    this.keys[n] = k;
    this.size = n + 1;
    return n * COLS;
  }

  /** Halves the resolution: buckets 2i and 2i+1 become bucket i. */
  private coarsen(): void {
    let out = 0;
    for (let j = 0; j < this.size; j++) {
      const k = this.keys[j] >> 1;
      const from = j * COLS;
      if (out && this.keys[out - 1] === k) {
        const to = (out - 1) * COLS;
        for (let i = 0; i < COLS; i++) this.cells[to + i] = i < MAXIMA ? Math.max(this.cells[to + i], this.cells[from + i]) : this.cells[to + i] + this.cells[from + i];
      } else {
        const to = out * COLS;
        this.keys[out] = k;
        for (let i = 0; i < COLS; i++) this.cells[to + i] = this.cells[from + i];
        out++;
      }
    }
    this.size = out;
    this.width *= 2;
    this.carryFrom = this.carryFrom >= 0 ? this.carryFrom >> 1 : -1;
  }
}
