/**
 * Postfix's delivery status lines, as log_adhoc.c writes them:
 *
 *   QUEUEID: to=<rcpt>[, orig_to=<rcpt>], relay=NAME[ADDR]:PORT[, conn_use=N], delay=T,
 *            delays=a/b/c/d[, tls=...], dsn=X.Y.Z, status=WORD (reason)
 *
 * conn_use=N appears when the session was used before (N is this use's number: the
 * session's reuse count plus one). delays are a = before the queue manager, b = in the
 * queue manager, c = connection set-up (from the hand-off to the smtp client until it
 * sends MAIL FROM: DNS, TCP, greeting, HELO, TLS), d = transmission (from MAIL FROM until
 * the reply to the end of data). And the lines the smtp client writes when it gives up on
 * one server but will try another (smtp_trouble.c):
 *
 *   QUEUEID: host NAME[ADDR] refused to talk to me: 421 ...
 *   QUEUEID: host NAME[ADDR] said: 450 ... (in reply to RCPT TO command)
 */

export interface Delivery {
  queueId: string;
  to: string;
  /** The relay field: "mx1.example.com[192.0.2.1]:25", "none", "local", ... */
  relay: string;
  connUse: number;
  /** delays= text, a/b/c/d. */
  delays: [string, string, string, string] | undefined;
  dsn: string;
  status: string;
  reason: string;
}

export interface Reply {
  /** The 3-digit SMTP code, or "" when the reason carries none (a timeout, a refused connection). */
  code: string;
  /** "greeting", or the command it answered ("MAIL FROM", "RCPT TO", "end of DATA", ...). */
  phase: string;
  /** The server it came from, "NAME[ADDR]", when the reason names one. */
  server?: string;
  /** The reply's text from its code on. */
  text: string;
  /** "delivery temporarily suspended: ...": the queue manager deferred it without trying. */
  suspended: boolean;
}

/** Short queue IDs are upper-case hex; long ones (enable_long_queue_ids) use digits and consonants. */
export const SHORT_QUEUE_ID = /^[0-9A-F]{5,20}$/;
export const LONG_QUEUE_ID = /^[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,20}$/;

/** The queue ID at the start of a message ("QUEUEID: ..."), or undefined. */
export function queueIdOf(message: string): string | undefined {
  const colon = message.indexOf(': ');
  if (colon < 5 || colon > 20) return undefined;
  const id = message.slice(0, colon);
  return SHORT_QUEUE_ID.test(id) || LONG_QUEUE_ID.test(id) ? id : undefined;
}

/**
 * Reads a delivery status line's message (after "QUEUEID: "), or returns undefined when it
 * is cut short or malformed (no status=, no relay=).
 */
export function readDelivery(queueId: string, body: string): Delivery | undefined {
  if (!body.startsWith('to=<')) return undefined;
  const relayAt = body.indexOf(', relay=');
  const statusAt = body.indexOf(', status=', relayAt);
  if (relayAt < 0 || statusAt < 0) return undefined;
  const toEnd = body.indexOf('>, ', 4);
  const to = body.slice(4, toEnd > 0 && toEnd < relayAt ? toEnd : relayAt);
  const d: Delivery = { queueId, to, relay: '', connUse: 1, delays: undefined, dsn: '', status: '', reason: '' };
  let field = relayAt + 2;
  while (field < statusAt) {
    let next = body.indexOf(', ', field);
    if (next < 0 || next > statusAt) next = statusAt;
    const eq = body.indexOf('=', field);
    if (eq > field && eq < next) readField(d, body.slice(field, eq), body.slice(eq + 1, next));
    field = next + 2;
  }
  // "status=WORD (reason)" always ends the line: without its closing parenthesis it was cut short.
  const statusText = body.slice(statusAt + 9);
  const space = statusText.indexOf(' (');
  if (space < 0 || !statusText.endsWith(')')) return undefined;
  d.status = statusText.slice(0, space);
  d.reason = statusText.slice(space + 2, -1);
  if (!d.relay || !/^[a-z]+$/.test(d.status)) return undefined;
  return d;
}

function readField(d: Delivery, key: string, value: string): void {
  switch (key) {
    case 'relay': d.relay = value; break;
    case 'conn_use': d.connUse = Number(value) >= 2 ? Number(value) : 1; break;
    case 'delays': {
      const parts = value.split('/');
      if (parts.length === 4 && parts.every((p) => /^\d+(\.\d+)?$/.test(p))) d.delays = parts as [string, string, string, string];
      break;
    }
    case 'dsn': d.dsn = value; break;
  }
}

/** The relay field's parts: "NAME[ADDR]:PORT" -> name, address, port; undefined for "none", "local", ... */
export function readRelay(relay: string): { name: string; address: string; port: string } | undefined {
  const open = relay.indexOf('[');
  const close = relay.lastIndexOf(']');
  if (open <= 0 || close < open) return undefined;
  const port = relay.charCodeAt(close + 1) === 58 ? relay.slice(close + 2) : '';
  return { name: relay.slice(0, open).toLowerCase(), address: relay.slice(open + 1, close).toLowerCase(), port };
}

const PHASE = /\(in reply to (.+?) command\)\s*$/;

/** What a status reason says about the server's reply. */
export function readReply(reason: string): Reply {
  let text = reason;
  let suspended = false;
  if (text.startsWith('delivery temporarily suspended: ')) {
    suspended = true;
    text = text.slice(32);
  }
  const host = /^host (\S+\[[^\]]*\]) (refused to talk to me|said): /.exec(text);
  if (!host) return { code: '', phase: '', text, suspended };
  const after = text.slice(host[0].length);
  const code = /^[245]\d\d(?=[ -]|$)/.exec(after)?.[0] ?? '';
  const phase = host[2] === 'refused to talk to me' ? 'greeting' : PHASE.exec(after)?.[1] ?? '';
  return { code, phase, server: host[1], text: after.replace(PHASE, '').trim(), suspended };
}

const LIMIT_WORDING = /too many|concurrent|connection limit|limit exceeded|connections? from your|too busy/i;
const BEFORE_MAIL = new Set(['greeting', 'EHLO', 'HELO', 'STARTTLS', 'LHLO']);

/**
 * Whether a reply refused the session itself, i.e. counts as the receiver's "no more
 * sessions": a 421 (or a 4xx/5xx that says so) at the greeting or before the first MAIL FROM.
 */
export function isRefusal(reply: Reply): boolean {
  if (!reply.code || !BEFORE_MAIL.has(reply.phase)) return false;
  return reply.code === '421' || ((reply.code[0] === '4' || reply.code[0] === '5') && LIMIT_WORDING.test(reply.text));
}

/**
 * The bounds of a delay as format_tv() printed it: two significant digits, rounded to the
 * nearest, with at most `digits` decimals (delay_logging_resolution_limit). Values of 10 s
 * and more are whole seconds, 1 to 10 s tenths, below 1 s hundredths (with 2 digits).
 * Rounding up can carry a value into the next band, never down, so the printed value's
 * band is a safe (wide enough) bound.
 */
export function delayBounds(text: string, digits = 2): [number, number] {
  const x = Number(text);
  let unit: number;
  if (digits <= 0 || x >= 10) unit = 1;
  else if (x >= 1) unit = 0.1;
  else {
    // Below a second: 10^-digits, widened until two significant digits remain.
    unit = 10 ** -Math.min(6, digits);
    while (x >= 100 * unit) unit *= 10;
  }
  return [Math.max(0, x - unit / 2), x + unit / 2];
}
