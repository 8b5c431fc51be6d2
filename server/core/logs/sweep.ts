/**
 * Sessions over time, one sending host at a time. Each log line adds intervals that end
 * near its own time and start up to a delivery's length before it, so events are kept in
 * a heap and applied in time order once no later line can add an earlier one: up to
 * `now - window`. Per lane (one receiver as this host sees it) four counts move:
 *
 *   activeCertain / idleCertain   intervals inside a session's true life: a lower bound;
 *   activePossible / idlePossible intervals that contain it: an upper bound.
 *
 * Ties at one instant are ordered so that the certain count is never too high and the
 * possible count never too low: possible starts, then certain ends, then probes and marks,
 * then certain starts, then possible ends. A probe is a window (a 421 whose exact time the
 * log's resolution leaves open, or a time the user asks about): it keeps the lowest certain
 * and the highest possible count while it is open.
 */
import { Chart, Col } from './chart';

const enum Op { PossibleStart, CertainEnd, IdleCertainEnd, ProbeStart, Mark, ProbeEnd, CertainStart, IdleCertainStart, BusyToTail, TailEnd, Cancelled }
const RANK: readonly number[] = [0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4];

export interface Bound { certain: number; possible: number }

/** What a probe saw while its window was open. */
export interface ProbeResult {
  open: Bound;
  active: Bound;
  idle: Bound;
  inProgress: string[];
}

interface Probe extends ProbeResult {
  done: (result: ProbeResult) => void;
}

interface Ev {
  t: number;
  rank: number;
  seq: number;
  lane: Lane;
  op: Op;
  use: number;
  ref: string | Probe | Col.Refusals | Col.OtherTemp | Col.Suspended | undefined;
}

const MAX_IN_PROGRESS = 20;

/** A delivery's span: possibly busy during [start, end], then possibly idle until tailEnd; certainly busy during [certainFrom, certainTo] when that is not empty. */
export interface SessionSpan {
  start: number;
  end: number;
  tailEnd: number;
  certainFrom: number;
  certainTo: number;
}

/** One receiver as one host sees it. */
export class Lane {
  activeCertain = 0;
  activePossible = 0;
  idleCertain = 0;
  idlePossible = 0;
  readonly inProgress = new Map<number, string>();
  readonly probes: Probe[] = [];
  readonly chart = new Chart();
  peakCertain = 0;
  peakCertainAt = NaN;
  peakCertainSupport = 0;
  peakPossible = 0;
  peakPossibleAt = NaN;

  constructor(readonly host: string, readonly receiver: string) {}

  get certain(): number { return this.activeCertain + this.idleCertain; }
  get possible(): number { return this.activePossible + this.idlePossible; }
}

/** The time-ordered events of one sending host. */
export class Sweep {
  private readonly heap: Ev[] = [];
  private seq = 0;
  /** Each use's pending tail end, so that a later line can end it sooner. */
  private readonly tails = new Map<number, { ev: Ev; busyEnd: number }>();
  /** Events up to here are applied. */
  now = -Infinity;
  /** Events that arrived behind `now` (applied at `now`, so earlier counts may be low). */
  late = 0;

  get pending(): number { return this.heap.length; }

  /** A delivery in progress (see SessionSpan). */
  session(lane: Lane, use: number, queueId: string, span: SessionSpan): void {
    this.push(span.start, lane, Op.PossibleStart, use, queueId);
    this.push(span.end, lane, Op.BusyToTail, use, undefined);
    this.tails.set(use, { ev: this.push(span.tailEnd, lane, Op.TailEnd, use, undefined), busyEnd: span.end });
    if (span.certainFrom < span.certainTo) {
      this.push(span.certainFrom, lane, Op.CertainStart, use, undefined);
      this.push(span.certainTo, lane, Op.CertainEnd, use, undefined);
    }
  }

  /** Ends a use's idle tail at `t` (not before its busy end), if the tail is still pending and later. */
  endTail(use: number, t: number): void {
    const tail = this.tails.get(use);
    if (!tail) return;
    const end = Math.max(t, tail.busyEnd);
    if (tail.ev.t <= end || end < this.now) return;
    tail.ev.op = Op.Cancelled;
    tail.ev = this.push(end, tail.ev.lane, Op.TailEnd, use, undefined);
  }

  /** A session known to sit idle (cached) during [from, to]. */
  idle(lane: Lane, from: number, to: number): void {
    this.push(from, lane, Op.IdleCertainStart, 0, undefined);
    this.push(to, lane, Op.IdleCertainEnd, 0, undefined);
  }

  probe(lane: Lane, from: number, to: number, done: (result: ProbeResult) => void): void {
    const probe: Probe = { open: { certain: Infinity, possible: 0 }, active: { certain: Infinity, possible: 0 }, idle: { certain: Infinity, possible: 0 }, inProgress: [], done };
    this.push(from, lane, Op.ProbeStart, 0, probe);
    this.push(to, lane, Op.ProbeEnd, 0, probe);
  }

  mark(lane: Lane, t: number, col: Col.Refusals | Col.OtherTemp | Col.Suspended): void {
    this.push(t, lane, Op.Mark, 0, col);
  }

  /** Applies every event up to `t`. */
  advance(t: number): void {
    const heap = this.heap;
    while (heap.length && heap[0].t <= t) this.apply(this.pop());
    if (t > this.now) this.now = t;
  }

  private push(t: number, lane: Lane, op: Op, use: number, ref: Ev['ref']): Ev {
    const ev: Ev = { t, rank: RANK[op], seq: this.seq++, lane, op, use, ref };
    const heap = this.heap;
    let i = heap.push(ev) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(ev, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = ev;
    return ev;
  }

  private pop(): Ev {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && before(heap[r], heap[l]) ? r : l;
        if (!before(heap[c], last)) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }

  private apply(ev: Ev): void {
    if (ev.op === Op.Cancelled) return;
    let t = ev.t;
    if (t < this.now) {
      this.late++;
      t = this.now;
    } else this.now = t;
    const lane = ev.lane;
    switch (ev.op) {
      case Op.PossibleStart:
        lane.activePossible++;
        lane.inProgress.set(ev.use, ev.ref as string);
        for (const p of lane.probes) if (p.inProgress.length < MAX_IN_PROGRESS && !p.inProgress.includes(ev.ref as string)) p.inProgress.push(ev.ref as string);
        break;
      case Op.BusyToTail: lane.activePossible--; lane.idlePossible++; lane.inProgress.delete(ev.use); break;
      case Op.TailEnd: lane.idlePossible--; this.tails.delete(ev.use); break;
      case Op.CertainStart: lane.activeCertain++; break;
      case Op.CertainEnd: lane.activeCertain--; break;
      case Op.IdleCertainStart: lane.idleCertain++; break;
      case Op.IdleCertainEnd: lane.idleCertain--; break;
      case Op.ProbeStart: {
        const p = ev.ref as Probe;
        for (const q of lane.inProgress.values()) if (p.inProgress.length < MAX_IN_PROGRESS) p.inProgress.push(q);
        lane.probes.push(p);
        break;
      }
      case Op.ProbeEnd: {
        const p = ev.ref as Probe;
        observe(lane, p);
        lane.probes.splice(lane.probes.indexOf(p), 1);
        p.done(p);
        return;
      }
      case Op.Mark:
        // A 421 or a suspension is what the chart is for; another 4xx (greylisting) is common and alone does not need it.
        if (ev.ref !== Col.OtherTemp) lane.chart.detailed();
        lane.chart.mark(t, ev.ref as Col.Refusals);
        return;
    }
    for (const p of lane.probes) observe(lane, p);
    const certain = lane.certain;
    const possible = lane.possible;
    if (certain > lane.peakCertain) {
      lane.peakCertain = certain;
      lane.peakCertainAt = t;
      lane.peakCertainSupport = 1;
    } else if (certain === lane.peakCertain && certain > 0 && (ev.op === Op.CertainStart || ev.op === Op.IdleCertainStart)) lane.peakCertainSupport++;
    if (possible > lane.peakPossible) {
      lane.peakPossible = possible;
      lane.peakPossibleAt = t;
    }
    lane.chart.counts(t, certain, possible, lane.activeCertain, lane.activePossible);
  }
}

function observe(lane: Lane, p: Probe): void {
  const min = (b: Bound, certain: number, possible: number): void => {
    if (certain < b.certain) b.certain = certain;
    if (possible > b.possible) b.possible = possible;
  };
  min(p.open, lane.certain, lane.possible);
  min(p.active, lane.activeCertain, lane.activePossible);
  min(p.idle, lane.idleCertain, lane.idlePossible);
}

function before(a: Ev, b: Ev): boolean {
  return a.t < b.t || (a.t === b.t && (a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq)));
}
