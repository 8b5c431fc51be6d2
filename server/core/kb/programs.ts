/**
 * The Postfix daemon programs a master.cf command field can name (the files in
 * `$daemon_directory`, checked against /usr/lib/postfix/sbin of Postfix 3.7.11), each
 * with a one-line summary in our own words and its manual page.
 */
export interface ProgramInfo {
  summary: string;
  /** The manual page's name on postfix.org, e.g. "qmgr" for nqmgr. */
  manPage: string;
}

const P = (summary: string, manPage?: string): Omit<ProgramInfo, 'manPage'> & { manPage?: string } => ({ summary, manPage });

const TABLE: Record<string, Omit<ProgramInfo, 'manPage'> & { manPage?: string }> = {
  smtp: P('SMTP client: connects to other mail servers and delivers mail to them'),
  lmtp: P('LMTP client (the smtp program run under the name lmtp): delivers over LMTP, e.g. to a mailbox server'),
  local: P('local delivery: mailboxes, aliases and .forward files of users on this machine'),
  virtual: P('delivers to mailboxes of hosted (virtual) domains'),
  pipe: P('hands each message to an external command'),
  error: P('delivery agent that bounces or defers every message it gets'),
  discard: P('delivery agent that drops mail and reports it as delivered'),
  smtpd: P('SMTP server: accepts mail from other servers and from mail clients'),
  postscreen: P('screens incoming SMTP connections before handing them to smtpd'),
  qmqpd: P('QMQP server: accepts mail over the QMQP protocol'),
  qmgr: P('queue manager: schedules queued mail and hands it to the delivery agents'),
  oqmgr: P('the older queue manager, with a simpler scheduler'),
  nqmgr: P('another name of qmgr, the queue manager', 'qmgr'),
  pickup: P('collects mail that local users submit through the maildrop folder'),
  cleanup: P('finishes new messages (headers, address rewriting) and writes them to the queue'),
  'trivial-rewrite': P('rewrites addresses and picks the transport and next hop for each recipient'),
  bounce: P('writes delivery status reports (the bounce, defer and trace services)'),
  flush: P('keeps per-destination lists of deferred mail for fast flushing (ETRN)'),
  proxymap: P('serves lookup tables to other Postfix processes'),
  showq: P('lists the mail queue for mailq and postqueue'),
  verify: P('checks addresses by probing their delivery, and caches the results'),
  anvil: P('counts connections and request rates per remote client for smtpd limits'),
  scache: P('keeps idle SMTP client connections open so they can be reused'),
  tlsmgr: P('maintains the TLS session caches and the random number pool'),
  tlsproxy: P('does TLS on behalf of postscreen and of the SMTP client'),
  dnsblog: P('runs the DNS allow- and deny-list lookups for postscreen'),
  postlogd: P('writes Postfix logging to a file or to stdout (maillog_file)'),
  spawn: P('runs a non-Postfix server program for each connection'),
};

/** Names of the Postfix daemon programs, for completion of the command field. */
export const PROGRAM_NAMES: readonly string[] = Object.keys(TABLE);

/** What a Postfix daemon program does, or undefined for other programs. */
export function programInfo(program: string): ProgramInfo | undefined {
  if (!Object.prototype.hasOwnProperty.call(TABLE, program)) return undefined;
  const entry = TABLE[program];
  return { summary: entry.summary, manPage: entry.manPage ?? program };
}

/** The program's manual page on postfix.org. */
export function manPageUrl(info: ProgramInfo): string {
  return `https://www.postfix.org/${info.manPage}.8.html`;
}
