/**
 * Every diagnostic code the product reports, as data: its default severity, when it fires,
 * and the quick-fixes offered for it. Codes are stable: settings, quick-fixes, postfix-lint
 * options and users' suppressions key on them. A finding takes its code's severity unless
 * the rule says otherwise for that finding (connection-budget: "over" is an error, "at" a
 * warning); the user's `postfix.diagnostics` / `--severity` overrides both. The reference
 * page docs/diagnostics.md is generated from this table (npm run gen:docs).
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  severity: Severity;
  /** When it fires, in one sentence (the settings description and the docs table). */
  summary: string;
  /** The quick-fixes offered for it, in words. */
  fixes?: readonly string[];
}

export const CODES = {
  'syntax-error': { severity: 'error', summary: 'A line postconf or master(8) cannot read at all (missing "=", bad master.cf field).' },
  'leading-whitespace': { severity: 'warning', summary: 'A logical line that starts with white space: Postfix ignores it.' },
  'unknown-parameter': {
    severity: 'warning', summary: 'A name postconf reports as "unused parameter" (or as removed), with a did-you-mean.',
    fixes: ['change to a suggested name', 'remove a byte-order mark that hides the name'],
  },
  'undefined-reference': { severity: 'warning', summary: 'A $name that nothing defines (postconf: "undefined parameter").', fixes: ['change to a suggested name'] },
  'duplicate-parameter': { severity: 'warning', summary: 'A parameter set again later with a different value; the earlier entry is ignored.', fixes: ['remove the ignored entry'] },
  'inline-comment': { severity: 'warning', summary: 'A " # text" after a value: Postfix keeps it as part of the value.', fixes: ['move the comment to its own line'] },
  'invalid-value': { severity: 'error', summary: 'A literal value the reading daemon rejects at start-up (boolean, number, time, bounds).' },
  'expansion-syntax': { severity: 'error', summary: 'A malformed $ expression (an unclosed "${", a bad comparison), or a function the release lacks.' },
  'deprecated-parameter': {
    severity: 'warning', summary: 'A parameter the target release\'s postconf says will be removed, with the replacement it names.',
    fixes: ['rename to the replacement (same value)', 'replace with the equivalent setting', 'remove it where the replacement already decides'],
  },
  'version-mismatch': {
    severity: 'warning', summary: 'A parameter the target Postfix release does not have, though other releases do.',
    fixes: ['for a removed name: rename or replace it as deprecated-parameter does'],
  },
  'duplicate-service': { severity: 'warning', summary: 'The same service name and type twice in master.cf; master(8) uses the last.', fixes: ['remove the ignored entry'] },
  'option-syntax': { severity: 'error', summary: 'A malformed -o option: "-o name = value" (error) or "-oname=value" (warning).', fixes: ['insert the missing space', 'rewrite in the long form -o { name = value }'] },
  'service-requirement': { severity: 'error', summary: 'A master.cf entry master(8) or the daemon rejects or warns about at run time.' },
  'scope-mismatch': {
    severity: 'warning', summary: 'An -o option the service\'s program never reads (smtp_* on smtpd, smtpd_* on smtp, -o default_process_limit, ...).',
    fixes: ['rename to the name the program reads', 'move -o default_process_limit into the maxproc field', 'remove the option'],
  },
  'qmgr-parameter-in-service': {
    severity: 'warning', summary: 'A queue-manager parameter given with -o on a service other than qmgr: no effect.',
    fixes: ['move it to main.cf under the transport\'s own name', 'remove the option'],
  },
  'transport-not-outbound': { severity: 'warning', summary: 'Per-transport delivery settings or a transport reference for a service that does not deliver (e.g. smtpd).' },
  'inbound-limit-hint': { severity: 'information', summary: 'An inbound (smtpd/anvil) limit in a configuration with a strict receiver: it does not limit outbound sessions.' },
  'receiver-directive': { severity: 'warning', summary: 'A "# @receiver" directive that cannot be read.' },
  'receiver-route-outside': {
    severity: 'warning', summary: 'The routing sends a domain of a receiver (domains=) through an smtp/lmtp transport its transports= leaves out: those sessions escape the budget.',
    fixes: ['add the transport map line that sends the domain through the receiver\'s transport'],
  },
  'receiver-destinations': { severity: 'warning', summary: 'destinations= disagrees with the number of next-hops the routing gives a receiver\'s domains.', fixes: ['remove destinations= so the routing counts'] },
  'transport-map-unknown-transport': { severity: 'warning', summary: 'An inline: transport map entry in main.cf names a transport master.cf does not define.' },
  'connection-budget': {
    severity: 'error', summary: 'More sessions than a declared receiver allows (error), or exactly as many (warning).',
    fixes: ['bring the transport under the cap (concurrency limit, rate delay or maxproc)', 'switch connection caching off for the transport'],
  },
  'failed-cohort-limit': {
    severity: 'warning', summary: 'A failed-cohort limit from 1 to 9 on a rate-limited transport or one serving a strict receiver (0 never marks a destination dead).',
    fixes: ['set the failed-cohort limit to 10 in main.cf'],
  },
  'rate-delay-concurrency': { severity: 'information', summary: 'A concurrency limit above 1 on a transport with a rate delay: the limit has no effect.' },
  'initial-above-limit': { severity: 'information', summary: 'An initial destination concurrency above the destination concurrency limit.' },
  'concurrency-above-process-limit': { severity: 'information', summary: 'A per-destination concurrency limit set for a transport above its process limit.' },
  'recipient-limit-one': { severity: 'warning', summary: 'A destination recipient limit of 1 on a transport serving a strict receiver, or with a per-destination limit: every recipient is a destination, so the peak is maxproc.' },
  'negative-concurrency-limit': { severity: 'error', summary: 'A negative destination concurrency limit: Postfix accepts it, and the transport never delivers.' },
  'not-postfix-config': { severity: 'error', summary: 'The file is binary or mostly not Postfix configuration (e.g. a sendmail.cf); other checks are off for it.' },
  'upgrade-changed-default': {
    severity: 'information', summary: 'With postfix.upgradeFrom set: a value in effect that upgrading to the target release changes (on its main.cf line, or line 1 for a default); a hint on a line that keeps an old default.',
    fixes: ['pin the old release\'s value in main.cf', 'adopt the new default: remove the line that keeps the old one'],
  },
  'too-many-problems': { severity: 'information', summary: 'More than 1,000 problems in one file: the rest are not shown.' },
  'map-malformed-line': { severity: 'warning', summary: 'A lookup-table line postmap ignores: no key or no value, an unbalanced quote, leading white space at the top, text after a NUL byte.' },
  'map-duplicate-key': { severity: 'warning', summary: 'A lookup-table key seen on an earlier line (keys are case-folded): postmap keeps the first value and ignores this one.', fixes: ['remove the ignored (later) line'] },
  'map-alias-format': { severity: 'warning', summary: 'A lookup-table key ending in ":" (aliases(5) format): postmap keeps the colon in the key, so lookups of the name miss.' },
  'map-regexp-syntax': { severity: 'error', summary: 'A regexp: or pcre: table rule Postfix skips (bad delimiter, flag, pattern or $number), or an IF/ENDIF out of balance.' },
  'map-unknown-transport': { severity: 'warning', summary: 'A transport map value whose transport is not a service in master.cf: mail routed there is deferred.', fixes: ['change to a master.cf transport of a similar name'] },
  'map-access-action': { severity: 'warning', summary: 'An access table value smtpd cannot use: neither an action (OK, REJECT, 4xx/5xx text, ...) nor a restriction or restriction class the release knows, or a lookup table inside the value; smtpd answers with a temporary error.', fixes: ['change to the release\'s action or restriction of a similar name'] },
  'map-unreadable': { severity: 'information', summary: 'A lookup table named in main.cf or master.cf whose source file cannot be checked (missing, binary, too large, a symlink loop).' },
  'map-stale-database': { severity: 'information', summary: 'A hash:/btree:/lmdb:/cdb:/dbm: source file changed after its database was built: run postmap.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** The severities a user may give a code, and "off". */
export const LEVELS = ['off', 'error', 'warning', 'information', 'hint'] as const;
export type Level = (typeof LEVELS)[number];

/** True for a known code. */
export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}

/** The code's own severity. */
export function defaultSeverity(code: string): Severity {
  return isCode(code) ? (CODES[code] as CodeInfo).severity : 'information';
}

/** Where each code is documented: its entry in the diagnostics reference. */
export const DOCS_BASE = 'https://github.com/postfix-lsp/postfix-lsp/blob/main/docs/diagnostics.md';
export const docsUrl = (code: string): string => `${DOCS_BASE}#${code}`;
