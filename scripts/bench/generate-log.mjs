// Deterministic generator of a busy relay's Postfix log (classic syslog, as Debian's
// rsyslog wrote it before Debian 12 and as pflogsumm reads it), for the log benchmark.
// Every line has the shape of a real one: the smtp, error, qmgr and cleanup lines from the
// budget lab's logs (test/fixtures/logs/), smtpd lines as Postfix 3.7 writes them, and
// other programs' lines a mail server's mail.log holds. The mix: messages arrive about 12
// a second from a few hundred clients; each goes to one of 3,000 receivers (a few take
// most of the mail); sessions are reused (conn_use=); about 1.5% are greylisted (450) and
// come back later; two strict receivers answer 421 to 2% of attempts, and one time in ten
// the queue manager then suspends their destination for a few messages. Timestamps are
// written in UTC, so the same seed gives the same bytes in any time zone.
import { createWriteStream } from 'node:fs';
import { rng } from './generate.mjs';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** format_tv(): two significant digits, at most two decimals. */
function tv(x) {
  if (x >= 10) return String(Math.round(x));
  if (x >= 1) return String(Math.round(x * 10) / 10);
  return String(Math.round(x * 100) / 100);
}

/**
 * Writes about `bytes` of log to `file`; resolves with the line count and the log's span.
 * @param {{ file: string, bytes: number, seed?: number, start?: Date }} o
 */
export function generateLog({ file, bytes, seed = 16, start = new Date(Date.UTC(2026, 11, 1, 0, 0, 0)) }) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const hex = (n) => { let s = ''; for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[Math.floor(rand() * 16)]; return s; };
  const receivers = Array.from({ length: 3000 }, (_, i) => ({
    name: i === 0 ? 'smtp-in.orange.fr' : i === 1 ? 'mx00.t-online.de' : `mx${i % 3 ? 1 : 2}.mail${i}.example${i % 7}.net`,
    ip: `198.${18 + (i % 2)}.${Math.floor(i / 250) % 256}.${(i % 250) + 1}`,
    domain: i === 0 ? 'orange.fr' : i === 1 ? 't-online.de' : `mail${i}.example${i % 7}.net`,
    cap: i === 0 ? 3 : i === 1 ? 5 : 0,
    reuse: 0,
  }));
  const clients = Array.from({ length: 400 }, (_, i) => ({ name: i % 5 ? `app${i}.internal.example` : 'unknown', ip: `10.${Math.floor(i / 200)}.${i % 200}.${(i * 7) % 250 + 1}` }));
  const others = [
    (t) => `${t} relay1 CRON[${1000 + Math.floor(rand() * 9000)}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)`,
    (t) => `${t} relay1 dovecot: imap-login: Login: user=<u${Math.floor(rand() * 500)}@example.com>, method=PLAIN, rip=10.0.0.${Math.floor(rand() * 250)}, lip=10.0.0.1, mpid=${Math.floor(rand() * 90000)}, TLS`,
    (t) => `${t} relay1 opendkim[812]: ${hex(10)}: DKIM-Signature field added (s=mail, d=example.com)`,
  ];
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let written = 0;
  let lines = 0;
  let clock = start.getTime() / 1000;
  const deferred = [];
  let buffer = [];
  const stamp = (t) => {
    const d = new Date(t * 1000);
    return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const emit = (line) => {
    buffer.push(line);
    written += line.length + 1;
    lines++;
  };
  // Delivery lines come a second or two after the message arrived: kept here, in time
  // order, and written once the clock passes them, so the log is in time order as a real one is.
  const pending = [];
  const later = (t, text) => {
    let i = pending.length;
    while (i > 0 && pending[i - 1].t > t) i--;
    pending.splice(i, 0, { t, text });
  };
  const due = (t) => {
    while (pending.length && pending[0].t <= t) {
      const p = pending.shift();
      emit(`${stamp(p.t)} ${p.text}`);
    }
  };
  const flush = () => new Promise((resolve) => {
    const ok = out.write(buffer.join('\n') + '\n');
    buffer = [];
    if (ok) resolve();
    else out.once('drain', resolve);
  });
  /** One delivery attempt of message `id` at time t to receiver r. */
  const deliver = (t, id, rcpt, r, retry) => {
    const pid = 3000 + Math.floor(rand() * 400);
    const relay = `${r.name}[${r.ip}]:25`;
    const a = retry ? 300 + rand() * 3000 : 0.05 + rand() * 0.3;
    const b = rand() * 0.05;
    const c = r.reuse > 0 ? 0 : 0.05 + rand() * 0.6;
    const d = 0.1 + rand() * 1.8;
    const busy = r.cap && rand() < 0.02;
    if (busy) {
      later(t, `relay1 postfix/smtp[${pid}]: ${id}: to=<${rcpt}>, relay=${relay}, delay=${tv(a + b + 0.2)}, delays=${tv(a)}/${tv(b)}/0.2/0, dsn=4.7.0, status=deferred (host ${r.name}[${r.ip}] refused to talk to me: 421 4.7.0 Too many connections, try later)`);
      deferred.push({ due: t + 300 + rand() * 600, id, rcpt, r });
      if (rand() < 0.1) for (let k = 0; k < 3; k++) later(t, `relay1 postfix/error[${pid + 1}]: ${hex(10)}: to=<u${Math.floor(rand() * 1e5)}@${r.domain}>, relay=none, delay=${tv(a + 1)}, delays=${tv(a)}/1/0/0, dsn=4.7.0, status=deferred (delivery temporarily suspended: host ${r.name}[${r.ip}] refused to talk to me: 421 4.7.0 Too many connections, try later)`);
      return false;
    }
    if (rand() < 0.015) {
      later(t, `relay1 postfix/smtp[${pid}]: ${id}: to=<${rcpt}>, relay=${relay}, delay=${tv(a + b + c + d)}, delays=${tv(a)}/${tv(b)}/${tv(c)}/${tv(d)}, dsn=4.2.0, status=deferred (host ${r.name}[${r.ip}] said: 450 4.2.0 <${rcpt}>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/ (in reply to RCPT TO command))`);
      deferred.push({ due: t + 300 + rand() * 900, id, rcpt, r });
      return false;
    }
    r.reuse = rand() < 0.6 ? r.reuse + 1 : 0;
    const use = r.reuse > 0 ? `, conn_use=${r.reuse + 1}` : '';
    later(t, `relay1 postfix/smtp[${pid}]: ${id}: to=<${rcpt}>, relay=${relay}${use}, delay=${tv(a + b + c + d)}, delays=${tv(a)}/${tv(b)}/${tv(c)}/${tv(d)}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${hex(12)})`);
    later(t, `relay1 postfix/qmgr[1121]: ${id}: removed`);
    return true;
  };
  const loop = async () => {
    while (written < bytes) {
      clock += rand() * 0.16;
      const t = clock;
      due(t);
      const ts = stamp(t);
      if (rand() < 0.05) emit(pick(others)(ts));
      const cl = pick(clients);
      const id = hex(10);
      const spid = 20000 + Math.floor(rand() * 5000);
      const zipf = Math.floor(3000 * rand() ** 4);
      const r = receivers[zipf];
      const rcpt = `user${Math.floor(rand() * 1e6)}@${r.domain}`;
      const sender = `app${Math.floor(rand() * 50)}@example.com`;
      emit(`${ts} relay1 postfix/smtpd[${spid}]: connect from ${cl.name}[${cl.ip}]`);
      emit(`${ts} relay1 postfix/smtpd[${spid}]: ${id}: client=${cl.name}[${cl.ip}]`);
      emit(`${ts} relay1 postfix/cleanup[${spid - 9000}]: ${id}: message-id=<${Math.floor(t)}.${id}@example.com>`);
      emit(`${ts} relay1 postfix/qmgr[1121]: ${id}: from=<${sender}>, size=${1000 + Math.floor(rand() * 60000)}, nrcpt=1 (queue active)`);
      emit(`${ts} relay1 postfix/smtpd[${spid}]: disconnect from ${cl.name}[${cl.ip}] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5`);
      deliver(t + 0.5 + rand() * 2, id, rcpt, r, false);
      while (deferred.length && deferred[0].due <= t) {
        const m = deferred.shift();
        emit(`${stamp(t)} relay1 postfix/qmgr[1121]: ${m.id}: from=<${sender}>, size=4242, nrcpt=1 (queue active)`);
        deliver(t + 0.5, m.id, m.rcpt, m.r, true);
      }
      if (buffer.length > 5000) await flush();
    }
    due(Infinity);
    await flush();
    await new Promise((resolve) => out.end(resolve));
    return { lines, bytes: written, span: clock - start.getTime() / 1000 };
  };
  return loop();
}

// Command line: node scripts/bench/generate-log.mjs FILE BYTES [SEED]  -> prints the summary as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, bytes, seed] = process.argv.slice(2);
  if (!file || !(Number(bytes) > 0)) {
    console.error('usage: node scripts/bench/generate-log.mjs FILE BYTES [SEED]');
    process.exit(2);
  }
  console.log(JSON.stringify(await generateLog({ file, bytes: Number(bytes), ...(seed ? { seed: Number(seed) } : {}) })));
}
