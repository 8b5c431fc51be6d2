/**
 * The log explainer: reads a Postfix log as a stream of text chunks and reconstructs, per
 * receiver and sending host, the sessions open over time, what was open at each refusal,
 * the receiver's cap, retry waves and suspensions (see docs/log-explainer.md). Memory is
 * bounded by the time window and the number of receivers, not by the log's size.
 *
 * A delivery line stamped S with delays .../c/d says: the reply to the end of data came
 * in [S - LAG, S + resolution) (the stamp follows the event), the transaction (MAIL FROM to
 * that reply) lasted d, and the connection set-up before it c. So the session was
 * certainly open during [S + resolution - d, S - LAG] and possibly from the hand-off,
 * S - LAG - d - c, until the reply, then idle (cached, or closing) for the cache time.
 */
import { delayBounds, isRefusal, queueIdOf, readDelivery, readReply, Delivery, Reply } from './delivery';
import { PrefixReader, LinePrefix, FormatId, Quick, classify } from './lineFormat';
import { ReceiverState } from './receiverState';
import { Route, Routes, relayKey } from './routes';
import { Lane, ProbeResult, Sweep } from './sweep';
import { Col } from './chart';
import { Reuse } from './reuse';
import type { LogExplainOptions, LogReport, ProbeReport, SkipReason } from './types';
import { DeferredMail, Outcome } from './waves';
import { ownCopy } from '../syntax/logicalLines';
import { buildReport } from './report';
import { CLOSE_SLACK, LAG } from './timing';

const MIN_WINDOW = 300;
const MAX_WINDOW = 3600;
/** A jump forward of more than this, not confirmed by the following lines, is a garbled clock. */
const JUMP = 6 * 3600;
export const MAX_LINE = 64 * 1024;
const MAX_HOSTS = 64;
const MAX_RECEIVERS = 20_000;
const MAX_SERVER_KEYS = 50_000;

class HostState {
  readonly sweep = new Sweep();
  constructor(readonly name: string) {}

  last = -Infinity;
  maxTime = -Infinity;
  flushedAt = -Infinity;
  jumpStreak = 0;
  jumpTime = 0;
}

export class LogExplainer {
  lines = 0;
  private used = 0;
  private readonly skips = new Map<SkipReason, { lines: number; example: number }>();
  readonly formats = new Map<FormatId, { lines: number; resolution: number }>();
  private partial = '';
  private dropping = false;
  private readonly reader: PrefixReader;
  private readonly hosts = new Map<string, HostState>();
  readonly receivers = new Map<string, ReceiverState>();
  private readonly routes: Routes;
  private readonly reuse = new Reuse();
  private readonly deferred = new DeferredMail();
  private readonly serverKeys = new Map<string, string>();
  readonly probeReports: ProbeReport[] = [];
  private useSeq = 0;
  private window = MIN_WINDOW;
  timeStart = Infinity;
  timeEnd = -Infinity;
  private readonly quick: { format: FormatId; resolution: number } = { format: 'syslog', resolution: 1 };
  /** Where the last line the quick look counted is (lastText[lastStart, lastEnd)), for the end of the time range. */
  private lastText: string | undefined;
  private lastStart = 0;
  private lastEnd = 0;
  /** The entry countFormat() last counted into: most lines have one format. */
  private lastFormat: { format: FormatId; entry: { lines: number; resolution: number } } | undefined;
  private readonly digits: number;

  constructor(readonly options: LogExplainOptions) {
    this.reader = new PrefixReader(options.referenceTime ?? Date.now() / 1000);
    this.routes = new Routes(options.configuration);
    this.digits = options.configuration?.delayResolutionDigits ?? 2;
  }

  /** Feeds a chunk of the log (any split: lines may continue in the next chunk). */
  write(chunk: string): void {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', pos);
      if (nl < 0) break;
      if (this.partial || this.dropping) {
        const whole = this.partial + chunk.slice(pos, nl);
        this.partial = '';
        if (this.dropping) this.dropping = false;
        else this.lineAt(whole, 0, whole.length);
      } else this.lineAt(chunk, pos, nl);
      pos = nl + 1;
    }
    if (pos < chunk.length && !this.dropping) {
      this.partial += chunk.slice(pos);
      if (this.partial.length > MAX_LINE) {
        this.partial = '';
        this.dropping = true;
        this.lines++;
        this.skip('overlong');
      }
    }
  }

  /** Ends the stream and returns the report. */
  end(): LogReport {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    // The last line's time, when the quick look alone counted it.
    const last = this.lastText?.slice(this.lastStart, this.lastEnd);
    if (last && this.reader.read(last) !== 'unknown-format') this.seen(this.reader.prefix.time);
    this.lastText = undefined;
    for (const h of this.hosts.values()) h.sweep.advance(Infinity);
    let late = 0;
    for (const h of this.hosts.values()) late += h.sweep.late;
    return buildReport(this, { used: this.used, skips: this.skips, late, window: this.window });
  }

  /** One line (without its newline). */
  line(text: string): void {
    this.lineAt(text, 0, text.length);
  }

  /**
   * The line s[start, end). A quick look (no copy, no time) counts the lines the
   * explainer does not read; the others are read in full.
   */
  private lineAt(s: string, start: number, lineEnd: number): void {
    this.lines++;
    let end = lineEnd;
    if (end - start > MAX_LINE) return this.skip('overlong');
    if (end > start && s.charCodeAt(end - 1) === 13) end--;
    const q = classify(s, start, end, this.quick);
    if (q === Quick.Unknown) return this.skip('unknown-format');
    if (q !== Quick.Json) {
      this.countFormat(this.quick.format, this.quick.resolution);
      if (q !== Quick.Used) {
        if (this.timeStart === Infinity) this.first(s.slice(start, end));
        else {
          // Where the line is, not a copy of it: only the last one is ever read.
          this.lastText = s;
          this.lastStart = start;
          this.lastEnd = end;
        }
        return this.skip(q === Quick.Other ? 'other-program' : 'postfix-other');
      }
    }
    this.lastText = undefined;
    this.full(start === 0 && end === s.length ? s : s.slice(start, end), q === Quick.Json);
  }

  /** The first line the quick look counted: its time starts the log's time range. */
  private first(line: string): void {
    if (this.reader.read(line) !== 'unknown-format') this.seen(this.reader.prefix.time);
  }

  private seen(t: number): void {
    if (t < this.timeStart) this.timeStart = t;
    if (t > this.timeEnd) this.timeEnd = t;
  }

  private countFormat(format: FormatId, resolution: number): void {
    const cached = this.lastFormat;
    if (cached && cached.format === format) {
      cached.entry.lines++;
      if (resolution < cached.entry.resolution) cached.entry.resolution = resolution;
      return;
    }
    const f = this.formats.get(format);
    if (f) this.lastFormat = { format, entry: f };
    if (f) {
      f.lines++;
      if (resolution < f.resolution) f.resolution = resolution;
    } else this.formats.set(format, { lines: 1, resolution });
  }

  /** A line read in full: a delivery agent's, or a journal record. */
  private full(s: string, json: boolean): void {
    const result = this.reader.read(s);
    if (result === 'unknown-format') return this.skip('unknown-format');
    const p = this.reader.prefix;
    if (json) this.countFormat(p.format, p.resolution);
    this.seen(p.time);
    if (result === 'other-program') return this.skip('other-program');
    const host = this.hostState(p);
    if (!host) return;
    const reason = this.dispatch(p, host);
    if (reason) return this.skip(reason);
    this.used++;
    if (p.time > host.maxTime) {
      host.maxTime = p.time;
      if (p.time - host.flushedAt >= 1) {
        host.flushedAt = p.time;
        host.sweep.advance(p.time - this.window);
      }
    }
  }

  private skip(reason: SkipReason): void {
    const s = this.skips.get(reason);
    if (s) s.lines++;
    else this.skips.set(reason, { lines: 1, example: this.lines });
  }

  /** The host's state, after the clock checks; undefined when the line is skipped. */
  private hostState(p: LinePrefix): HostState | undefined {
    let h = this.hosts.get(p.host);
    if (!h) {
      if (this.hosts.size >= MAX_HOSTS) return void this.skip('too-many-hosts');
      this.hosts.set(ownCopy(p.host), (h = new HostState(ownCopy(p.host))));
    }
    if (h.last > -Infinity && p.time > h.last + JUMP) {
      // One garbled line must not move the clock; three lines that agree do.
      if (h.jumpStreak && Math.abs(p.time - h.jumpTime) < JUMP) h.jumpStreak++;
      else {
        h.jumpStreak = 1;
        h.jumpTime = p.time;
      }
      if (h.jumpStreak < 3) return void this.skip('clock-jump');
    }
    h.jumpStreak = 0;
    if (p.time < h.sweep.now) return void this.skip('out-of-order');
    if (p.time > h.last) h.last = p.time;
    return h;
  }

  /** Handles one Postfix line; returns why it was not used, or undefined. */
  private dispatch(p: LinePrefix, host: HostState): SkipReason | undefined {
    const program = p.program;
    const smtp = program === 'smtp' || program === 'lmtp';
    if (!smtp && program !== 'error' && program !== 'retry' && program !== 'local' && program !== 'virtual' && program !== 'pipe' && program !== 'discard') return 'postfix-other';
    const queueId = queueIdOf(p.message);
    if (!queueId) return 'postfix-other';
    const body = p.message.slice(queueId.length + 2);
    if (body.startsWith('to=<')) {
      const d = readDelivery(queueId, body);
      if (!d) return 'malformed';
      return this.delivery(p, host, d, smtp);
    }
    if (smtp && body.startsWith('host ')) return this.nonFinal(p, host, queueId, readReply(body));
    return 'postfix-other';
  }

  /** A delivery status line. */
  private delivery(p: LinePrefix, host: HostState, d: Delivery, smtp: boolean): SkipReason | undefined {
    const reply = d.status === 'sent' ? undefined : readReply(d.reason);
    if (reply?.suspended) return this.suspended(p, host, d, reply);
    const route = smtp ? this.routes.route(p.tag, d.relay) : undefined;
    if (!route) return 'no-session';
    if (!d.delays) return 'malformed';
    const receiver = this.receiver(route);
    if (!receiver) return 'too-many-receivers';
    const server = route.server;
    let lane = route.lane;
    if (route.rememberedFor !== host.name || !lane) {
      route.rememberedFor = host.name;
      this.rememberServer(host.name, server, receiver.key);
      route.lane = lane = this.lane(host, receiver.key);
    }
    receiver.delivery(d.status, d.relay, d.to);
    for (const t of route.transports) if (!receiver.transports.has(t.name)) receiver.transports.set(t.name, t.from);
    const cHi = delayBounds(d.delays[2], this.digits)[1];
    const [dLo, dHi] = delayBounds(d.delays[3], this.digits);
    const endLo = p.time - LAG;
    const endHi = p.time + p.resolution;
    if (reply && isRefusal(reply)) {
      receiver.refusalCount++;
      host.sweep.mark(lane, p.time, Col.Refusals);
      this.refusal(p, host, lane, receiver, { queueId: d.queueId, relay: server, reply, window: [endLo - cHi, endHi] });
    } else {
      const start = endLo - dHi - cHi;
      this.window = Math.min(MAX_WINDOW, Math.max(this.window, 2 * (p.time - start)));
      const cacheable = route.caching && !(reply && (reply.code === '421' || !reply.code));
      const use = ++this.useSeq;
      host.sweep.session(lane, use, ownCopy(d.queueId), {
        start, end: endHi, tailEnd: endHi + CLOSE_SLACK + (cacheable ? route.cacheIdle : 0), certainFrom: endHi - dLo, certainTo: endLo,
      });
      // The connection cache's key for this host; one string per route and host, so that its hash is computed once.
      let session = route.session;
      if (route.sessionHost !== host.name || session === undefined) {
        route.sessionHost = host.name;
        route.session = session = `${host.name}\u0000${p.tag}\u0000${route.endpoint}`;
      }
      // A session sits in the cache at most the cache time: its previous use ended no earlier.
      const horizon = route.cacheIdle + CLOSE_SLACK + p.resolution + LAG;
      if (d.connUse >= 2) {
        receiver.reusedSessions++;
        const previous = this.reuse.previous(session, d.connUse - 1, endHi - dLo, start - horizon);
        if (previous && previous.latestEnd < start) host.sweep.idle(lane, previous.latestEnd, start);
        // The only use that can have been this session's previous one: from this hand-off on,
        // the session is this use's, so the previous use's idle tail ends here.
        if (previous?.only !== undefined) host.sweep.endTail(previous.only, start);
      }
      this.reuse.add(session, d.connUse, use, endLo, endHi, start - horizon - 5);
      if (reply?.code) host.sweep.mark(lane, p.time, reply.code === '421' ? Col.Refusals : Col.OtherTemp);
      if (reply?.code === '421') receiver.refusalCount++;
      else if (reply?.code.startsWith('4')) receiver.otherTempFailureCount++;
    }
    this.retry(p.time, d, receiver, d.status === 'sent' ? 'sent' : d.status === 'deferred' ? 'deferred' : 'other');
    return undefined;
  }

  /** "QUEUEID: host X[A] refused to talk to me: 421 ..." when another server remains to try. */
  private nonFinal(p: LinePrefix, host: HostState, queueId: string, reply: Reply): SkipReason | undefined {
    if (!reply.server || !reply.code) return 'postfix-other';
    const route = this.routes.routeOfServer(p.tag, reply.server);
    if (!route) return 'postfix-other';
    const receiver = this.receiver(route);
    if (!receiver) return 'too-many-receivers';
    const lane = this.lane(host, receiver.key);
    if (isRefusal(reply)) {
      receiver.refusalCount++;
      host.sweep.mark(lane, p.time, Col.Refusals);
      this.refusal(p, host, lane, receiver, { queueId, relay: reply.server, reply, window: [p.time - LAG, p.time + p.resolution] });
    } else {
      host.sweep.mark(lane, p.time, reply.code === '421' ? Col.Refusals : Col.OtherTemp);
      if (reply.code === '421') receiver.refusalCount++;
      else if (reply.code[0] === '4') receiver.otherTempFailureCount++;
    }
    return undefined;
  }

  /** A deferral without an attempt: the queue manager holds the destination dead. */
  private suspended(p: LinePrefix, host: HostState, d: Delivery, reply: Reply): SkipReason | undefined {
    let key = reply.server ? this.serverKeys.get(`${p.host}\u0000${reply.server}`) : undefined;
    key ??= this.deferred.receiverOf(d.queueId);
    if (!key && reply.server) {
      const open = reply.server.indexOf('[');
      key = relayKey(reply.server.slice(0, open).toLowerCase(), reply.server.slice(open + 1, -1).toLowerCase());
    }
    if (!key) return 'no-session';
    const receiver = this.receivers.get(key) ?? this.receiver({ key, endpoint: '', server: '', transports: [], caching: true, cacheIdle: 0 });
    if (!receiver) return 'too-many-receivers';
    receiver.suspendedCount++;
    receiver.suspensions.add(p.time);
    host.sweep.mark(this.lane(host, key), p.time, Col.Suspended);
    this.retry(p.time, d, receiver, 'suspended');
    return undefined;
  }

  /** Counts a retry attempt and remembers what is deferred. */
  private retry(t: number, d: Delivery, receiver: ReceiverState, outcome: Outcome): void {
    if (this.deferred.receiverOf(d.queueId) !== undefined) receiver.waves.attempt(t, outcome);
    if (outcome === 'deferred' || outcome === 'suspended') this.deferred.deferred(d.queueId, receiver.key);
    else this.deferred.done(d.queueId);
  }

  private refusal(p: LinePrefix, host: HostState, lane: Lane, receiver: ReceiverState, r: { queueId: string; relay: string; reply: Reply; window: [number, number] }): void {
    // Copies: the log's text comes in chunks of a megabyte, and a slice kept would keep its chunk.
    const at = p.time;
    const sender = host.name;
    const relay = ownCopy(r.relay);
    const code = ownCopy(r.reply.code);
    const text = ownCopy(r.reply.text.slice(0, 200));
    const queueId = ownCopy(r.queueId);
    const phase = ownCopy(r.reply.phase);
    host.sweep.probe(lane, r.window[0], r.window[1], (seen: ProbeResult) => receiver.refused({
      at, window: r.window, host: sender, relay, code, text, queueId, phase,
      open: fix(seen.open), active: fix(seen.active), idle: fix(seen.idle), inProgress: seen.inProgress,
    }));
  }

  private receiver(route: Route): ReceiverState | undefined {
    let r = this.receivers.get(route.key);
    if (!r) {
      if (this.receivers.size >= MAX_RECEIVERS) return undefined;
      this.receivers.set(route.key, (r = new ReceiverState(route.key, route.declared)));
    }
    return r;
  }

  private lane(host: HostState, key: string): Lane {
    const receiver = this.receivers.get(key)!;
    const name = host.name;
    let lane = receiver.lanes.get(name);
    if (!lane) {
      receiver.lanes.set(name, (lane = new Lane(name, key)));
      for (const t of this.options.probes ?? []) {
        if (t < host.sweep.now) continue;
        const l = lane;
        host.sweep.probe(l, t, t, (seen) => this.probeReports.push({ at: t, host: name, receiver: key, open: fix(seen.open) }));
      }
    }
    return lane;
  }

  private rememberServer(host: string, server: string, key: string): void {
    const id = `${host}\u0000${server}`;
    if (this.serverKeys.get(id) === key) return;
    if (this.serverKeys.size >= MAX_SERVER_KEYS) this.serverKeys.clear();
    this.serverKeys.set(ownCopy(id), key);
  }
}

/** A probe's bounds, with "no observation" (Infinity) read as 0. */
function fix(b: { certain: number; possible: number }): { certain: number; possible: number } {
  return { certain: Number.isFinite(b.certain) ? b.certain : 0, possible: b.possible };
}
