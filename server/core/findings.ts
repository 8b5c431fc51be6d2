/**
 * What rules report, independent of LSP: a stable code, a severity, a message and a
 * range in one of the two files, plus related places and fix data.
 */
import type { FileKind } from './model/configuration';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Place {
  file: FileKind;
  start: number;
  end: number;
}

export interface RelatedPlace extends Place {
  message: string;
}

export interface Finding extends Place {
  code: string;
  severity: Severity;
  message: string;
  related?: RelatedPlace[];
  /** Rendered faded: text Postfix ignores. */
  unnecessary?: boolean;
  /** Rendered struck through. */
  deprecated?: boolean;
  /** What a quick-fix needs; kept small and JSON-safe (it travels in Diagnostic.data). */
  data?: Record<string, unknown>;
}

export interface CodeInfo {
  severity: Severity;
  /** One line for the README table and the settings description. */
  summary: string;
}

/**
 * Every diagnostic code the server can report. Codes are stable: settings, quick-fixes
 * and users' suppressions key on them.
 */
export const CODES: Readonly<Record<string, CodeInfo>> = {
  'syntax-error': { severity: 'error', summary: 'A line postconf or master(8) cannot read at all (missing "=", bad master.cf field).' },
  'leading-whitespace': { severity: 'warning', summary: 'A logical line that starts with white space: Postfix ignores it.' },
  'unknown-parameter': { severity: 'warning', summary: 'A name postconf reports as "unused parameter", with a did-you-mean.' },
  'undefined-reference': { severity: 'warning', summary: 'A $name that nothing defines (postconf: "undefined parameter").' },
  'duplicate-parameter': { severity: 'warning', summary: 'A parameter set again later with a different value; the earlier entry is ignored.' },
  'inline-comment': { severity: 'warning', summary: 'A " # text" after a value: Postfix keeps it as part of the value.' },
  'invalid-value': { severity: 'error', summary: 'A literal value the reading daemon rejects at start-up (boolean, number, time, bounds).' },
  'expansion-syntax': { severity: 'error', summary: 'A malformed $ expression, e.g. an unclosed "${" or a bad comparison.' },
  'deprecated-parameter': { severity: 'warning', summary: 'A parameter Postfix 3.9+ marks as going away, with its replacement.' },
  'version-mismatch': { severity: 'warning', summary: 'A parameter the target Postfix release does not have.' },
  'duplicate-service': { severity: 'warning', summary: 'The same service name and type twice in master.cf; master(8) uses the last.' },
  'option-syntax': { severity: 'error', summary: 'A malformed -o option: "-o name = value" (error) or "-oname=value" (warning).' },
  'service-requirement': { severity: 'error', summary: 'A master.cf entry master(8) or the daemon rejects or warns about at run time.' },
  'scope-mismatch': { severity: 'warning', summary: 'An -o option the service\'s program never reads (smtp_* on smtpd, smtpd_* on smtp, ...).' },
  'qmgr-parameter-in-service': { severity: 'warning', summary: 'A queue-manager parameter given with -o on a service other than qmgr: no effect.' },
  'transport-not-outbound': { severity: 'warning', summary: 'Per-transport delivery settings or a transport reference for a service that does not deliver (e.g. smtpd).' },
  'inbound-limit-hint': { severity: 'information', summary: 'An inbound (smtpd/anvil) limit in a configuration with a strict receiver: it does not limit outbound sessions.' },
  'receiver-directive': { severity: 'warning', summary: 'A "# @receiver" directive that cannot be read.' },
  'connection-budget': { severity: 'error', summary: 'More sessions than a declared receiver allows (error), or exactly as many (warning).' },
  'failed-cohort-limit': { severity: 'warning', summary: 'A failed-cohort limit from 1 to 9 on a rate-limited transport or one serving a strict receiver (0 never marks a destination dead).' },
  'rate-delay-concurrency': { severity: 'information', summary: 'A concurrency limit above 1 on a transport with a rate delay: the limit has no effect.' },
  'initial-above-limit': { severity: 'information', summary: 'An initial destination concurrency above the destination concurrency limit.' },
  'concurrency-above-process-limit': { severity: 'information', summary: 'A per-destination concurrency limit above the transport\'s process limit.' },
  'recipient-limit-one': { severity: 'warning', summary: 'A destination recipient limit of 1 on a transport serving a strict receiver, or with a per-destination limit: every recipient is a destination, so the peak is maxproc.' },
  'negative-concurrency-limit': { severity: 'error', summary: 'A negative destination concurrency limit: Postfix accepts it, and the transport never delivers.' },
  'not-postfix-config': { severity: 'error', summary: 'The file is binary or mostly not Postfix configuration (e.g. a sendmail.cf); other checks are off for it.' },
  'too-many-problems': { severity: 'information', summary: 'More than 1,000 problems in one file: the rest are not shown.' },
};

export type Code = keyof typeof CODES;
