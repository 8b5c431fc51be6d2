/**
 * A lane's chart: counts over time in buckets, kept sparse (a bucket with nothing in it is
 * not stored) and coarsened (two buckets become one) when a lane's time span needs more
 * than MAX buckets, so memory stays bounded however long the log and however many
 * receivers it names. Counts are the largest seen in a bucket (so the band "certain to possible" holds
 * for each bucket's peak); marks are sums.
 */
import type { ChartBucket, LaneChart } from './types';

/** Columns of a bucket: four maxima, then three sums. */
export const enum Col { Certain, Possible, ActiveCertain, ActivePossible, Refusals, OtherTemp, Suspended }
const COLS = 7;
const MAXIMA = 4;
const MAX_BUCKETS = 600;
const FIRST_WIDTH = 0.25;

export type Counts = [number, number, number, number];

export class Chart {
  private start = NaN;
  private width = FIRST_WIDTH;
  private readonly keys: number[] = [];
  private cells: number[] = [];
  /** The counts in force since the last event, carried into buckets without events. */
  private carry: Counts = [0, 0, 0, 0];
  private carryFrom = -1;

  /** Records that from time `t` on the counts are `counts` (events come in time order). */
  counts(t: number, counts: Counts): void {
    // The counts before this event held from the last event's bucket up to this one.
    if (this.carryFrom >= 0 && (this.carry[0] || this.carry[1] || this.carry[2] || this.carry[3])) {
      let width = this.width;
      for (let b = this.carryFrom + 1; b < this.bucketOf(t); b++) {
        this.raise(b, this.carry);
        if (this.width !== width) {
          b = Math.floor(b * width / this.width);
          width = this.width;
        }
      }
    }
    this.raise(this.bucketOf(t), counts);
    this.carry = [counts[0], counts[1], counts[2], counts[3]];
    this.carryFrom = this.bucketOf(t);
  }

  /** Adds one to a mark column at time `t`. */
  mark(t: number, col: Col.Refusals | Col.OtherTemp | Col.Suspended): void {
    const at = this.cell(this.bucketOf(t));
    this.cells[at + col]++;
  }

  result(): LaneChart {
    const buckets: ChartBucket[] = [];
    const start = Number.isNaN(this.start) ? 0 : this.start;
    const last = this.keys.length ? this.keys[this.keys.length - 1] : -1;
    let j = 0;
    for (let k = 0; k <= last; k++) {
      if (this.keys[j] === k) {
        const c = j * COLS;
        const v = this.cells;
        buckets.push({ certain: v[c], possible: v[c + 1], activeCertain: v[c + 2], activePossible: v[c + 3], refusals: v[c + 4], otherTempFailures: v[c + 5], suspended: v[c + 6] });
        j++;
      } else buckets.push({ certain: 0, possible: 0, activeCertain: 0, activePossible: 0, refusals: 0, otherTempFailures: 0, suspended: 0 });
    }
    return { start, width: this.width, buckets };
  }

  private bucketOf(t: number): number {
    if (Number.isNaN(this.start)) this.start = Math.floor(t / FIRST_WIDTH) * FIRST_WIDTH;
    // The span from the first bucket never needs more than MAX_BUCKETS.
    while ((t - this.start) / this.width >= MAX_BUCKETS) this.coarsen();
    return Math.max(0, Math.floor((t - this.start) / this.width));
  }

  private raise(k: number, counts: Counts): void {
    const at = this.cell(k);
    for (let i = 0; i < MAXIMA; i++) if (counts[i] > this.cells[at + i]) this.cells[at + i] = counts[i];
  }

  /** The offset of bucket `k`'s cells, creating it (buckets are created in time order). */
  private cell(k: number): number {
    const n = this.keys.length;
    if (n && this.keys[n - 1] === k) return (n - 1) * COLS;
    if (n && this.keys[n - 1] > k) {
      // A mark a little behind the last event: find its bucket, or the nearest before.
      let j = n - 1;
      while (j > 0 && this.keys[j] > k) j--;
      return j * COLS;
    }
    this.keys.push(k);
    for (let i = 0; i < COLS; i++) this.cells.push(0);
    return n * COLS;
  }

  /** Halves the resolution: buckets 2i and 2i+1 become bucket i. */
  private coarsen(): void {
    const keys: number[] = [];
    const cells: number[] = [];
    for (let j = 0; j < this.keys.length; j++) {
      const k = this.keys[j] >> 1;
      const from = j * COLS;
      if (keys.length && keys[keys.length - 1] === k) {
        const to = (keys.length - 1) * COLS;
        for (let i = 0; i < COLS; i++) cells[to + i] = i < MAXIMA ? Math.max(cells[to + i], this.cells[from + i]) : cells[to + i] + this.cells[from + i];
      } else {
        keys.push(k);
        for (let i = 0; i < COLS; i++) cells.push(this.cells[from + i]);
      }
    }
    this.keys.length = 0;
    this.keys.push(...keys);
    this.cells = cells;
    this.width *= 2;
    this.carryFrom = this.carryFrom >= 0 ? this.carryFrom >> 1 : -1;
  }
}
