/**
 * A small typed overlay to the generated knowledge base: the keywords that common
 * keyword-valued parameters accept, for value completion. Facts only (the keywords),
 * checked against postconf(5) of the installed Postfix by test/parity/valueSets.test.ts;
 * the notes are our own words. `docs` names the parameter whose postconf(5) entry lists
 * the keywords (the lmtp_ and tlsproxy_ variants refer to the smtp_/smtpd_ ones).
 */
import type { Release } from './knowledgeBase';

/** One keyword a parameter accepts. */
export interface ValueChoice {
  value: string;
  note: string;
  /** First release (x.y) that accepts the keyword, when later than the parameter. */
  since?: string;
}

/** The keywords shared by a group of parameters. */
export interface ValueSet {
  params: readonly string[];
  docs: string;
  /** True when the value is a list (comma or white space separated) of keywords. */
  list?: boolean;
  values: readonly ValueChoice[];
  /** For build-dependent keywords: the command that lists them (the test runs it). */
  listedBy?: readonly string[];
}

const V = (value: string, note: string, since?: string): ValueChoice => (since ? { value, note, since } : { value, note });

const CIPHER_GRADES = [
  V('export', 'export grade or better (weakest)'), V('low', 'low grade or better'), V('medium', 'medium grade or better'),
  V('high', 'high grade only'), V('null', 'no encryption, authentication only'),
];
const POSTSCREEN_ACTIONS = [
  V('ignore', 'log the result and carry on'), V('enforce', 'reject the client\'s mail after the other tests'),
  V('drop', 'drop the connection at once (521 reply)'),
];
const SASL_OPTIONS = [
  V('noplaintext', 'no mechanisms that send the password in the clear'), V('noactive', 'no mechanisms open to active attacks'),
  V('nodictionary', 'no mechanisms open to dictionary attacks'), V('noanonymous', 'no anonymous login'),
];
const MUTUAL_AUTH = V('mutual_auth', 'only mechanisms that authenticate both sides');

/** Every keyword set; a parameter is in at most one. */
export const VALUE_SETS: readonly ValueSet[] = [
  {
    params: ['smtp_tls_security_level', 'lmtp_tls_security_level', 'tlsproxy_client_security_level', 'tlsproxy_client_level'],
    docs: 'smtp_tls_security_level',
    values: [
      V('none', 'no TLS'), V('may', 'TLS when the server offers it, otherwise plain text'),
      V('encrypt', 'TLS required; the certificate is not checked'),
      V('dane', 'DANE where DNSSEC-signed TLSA records exist, otherwise like may'), V('dane-only', 'DANE required'),
      V('fingerprint', 'TLS required; the certificate must match a configured fingerprint'),
      V('verify', 'TLS required; the certificate must name the MX host'),
      V('secure', 'TLS required; the certificate must name the destination domain'),
    ],
  },
  {
    params: ['smtpd_tls_security_level', 'postscreen_tls_security_level', 'tlsproxy_tls_security_level'],
    docs: 'smtpd_tls_security_level',
    values: [V('none', 'no STARTTLS'), V('may', 'offer STARTTLS, do not require it'), V('encrypt', 'require TLS before mail is accepted')],
  },
  {
    params: ['smtp_dns_support_level', 'lmtp_dns_support_level'],
    docs: 'smtp_dns_support_level',
    values: [V('disabled', 'no DNS lookups, no MX lookups'), V('enabled', 'DNS lookups, including MX'), V('dnssec', 'DNS lookups with DNSSEC validation (needed for dane)')],
  },
  {
    params: ['inet_protocols'], docs: 'inet_protocols', list: true,
    values: [V('all', 'every protocol the system supports'), V('ipv4', 'IPv4'), V('ipv6', 'IPv6')],
  },
  {
    params: ['inet_interfaces'], docs: 'inet_interfaces', list: true,
    values: [V('all', 'every network interface'), V('loopback-only', 'loopback interfaces only')],
  },
  {
    params: ['compatibility_level'], docs: 'compatibility_level',
    values: [
      V('0', 'backwards-compatible defaults for every change (the built-in level)'),
      V('1', 'new defaults for chroot and append_dot_mydomain'),
      V('2', 'also new defaults for mynetworks_style, relay_domains, smtputf8_enable, smtpd_relay_restrictions'),
      V('3.6', 'also sha256 fingerprints, respectful_logging, smtpd_relay_before_recipient_restrictions'),
      V('3.11', 'also the Postfix 3.11 defaults, such as smtp_tls_security_level = may', '3.11'),
    ],
  },
  {
    params: ['mynetworks_style'], docs: 'mynetworks_style',
    values: [V('host', 'trust only this machine\'s own addresses'), V('subnet', 'trust the subnets of this machine\'s interfaces'), V('class', 'trust whole class A/B/C networks (rarely wanted)')],
  },
  {
    params: ['smtp_address_preference', 'lmtp_address_preference'], docs: 'smtp_address_preference',
    values: [V('any', 'no preference (survives an outage of either protocol)'), V('ipv4', 'try IPv4 first'), V('ipv6', 'try IPv6 first')],
  },
  {
    params: [
      'smtp_tls_ciphers', 'smtp_tls_mandatory_ciphers', 'lmtp_tls_ciphers', 'lmtp_tls_mandatory_ciphers',
      'smtpd_tls_ciphers', 'smtpd_tls_mandatory_ciphers', 'tlsproxy_tls_ciphers', 'tlsproxy_tls_mandatory_ciphers',
    ],
    docs: 'smtp_tls_mandatory_ciphers',
    values: CIPHER_GRADES,
  },
  {
    params: ['smtp_tls_fingerprint_digest', 'lmtp_tls_fingerprint_digest', 'smtpd_tls_fingerprint_digest', 'tlsproxy_tls_fingerprint_digest'],
    docs: 'smtp_tls_fingerprint_digest',
    values: [V('md5', 'MD5 (old)'), V('sha1', 'SHA-1 (old)'), V('sha256', 'SHA-256 (recommended)'), V('sha512', 'SHA-512')],
  },
  {
    params: ['milter_default_action'], docs: 'milter_default_action',
    values: [
      V('accept', 'carry on as if there were no mail filter'), V('reject', 'reject the session with a permanent error'),
      V('tempfail', 'reject the session with a temporary error'), V('quarantine', 'accept, but put the message on hold'),
      V('shutdown', 'reply 421 and close the session', '3.11'),
    ],
  },
  {
    params: [
      'postscreen_greet_action', 'postscreen_dnsbl_action', 'postscreen_pipelining_action', 'postscreen_non_smtp_command_action',
      'postscreen_bare_newline_action', 'postscreen_denylist_action', 'postscreen_blacklist_action',
    ],
    docs: 'postscreen_greet_action',
    values: POSTSCREEN_ACTIONS,
  },
  {
    params: ['smtp_host_lookup', 'lmtp_host_lookup'], docs: 'smtp_host_lookup', list: true,
    values: [V('dns', 'look host addresses up in DNS'), V('native', 'use the system resolver (nsswitch.conf)')],
  },
  {
    params: ['smtp_tls_dane_insecure_mx_policy'], docs: 'smtp_tls_dane_insecure_mx_policy',
    values: [V('may', 'ignore TLSA records, TLS optional'), V('encrypt', 'TLS required, TLSA records ignored'), V('dane', 'use the TLSA records as for a secure MX')],
  },
  {
    params: ['header_from_format'], docs: 'header_from_format',
    values: [V('standard', 'From: name <address>'), V('obsolete', 'From: address (name)')],
  },
  {
    params: ['notify_classes'], docs: 'notify_classes', list: true,
    values: [
      V('bounce', 'headers of bounced mail and rejected sessions (implies 2bounce)'), V('2bounce', 'bounces that could not be delivered'),
      V('data', 'sessions that failed because a needed data file was missing'), V('delay', 'headers of delayed mail'),
      V('policy', 'sessions with a request rejected by (UCE) policy'), V('protocol', 'sessions with client or server protocol errors'),
      V('resource', 'mail not delivered because of resource problems'), V('software', 'mail not delivered because of software problems'),
    ],
  },
  {
    params: ['smtpd_sasl_type'], docs: 'smtpd_sasl_type', listedBy: ['postconf', '-a'],
    values: [V('cyrus', 'Cyrus SASL (if built in; see `postconf -a`)'), V('dovecot', 'Dovecot\'s auth service (if built in; see `postconf -a`)')],
  },
  {
    params: ['smtp_sasl_security_options', 'smtp_sasl_tls_security_options'], docs: 'smtp_sasl_security_options', list: true,
    values: [...SASL_OPTIONS, MUTUAL_AUTH],
  },
  {
    // postconf(5) lists mutual_auth for the smtp_ and smtpd_ names only.
    params: ['lmtp_sasl_security_options'], docs: 'lmtp_sasl_security_options', list: true,
    values: SASL_OPTIONS,
  },
  {
    params: ['smtpd_sasl_security_options', 'smtpd_sasl_tls_security_options'], docs: 'smtpd_sasl_security_options', list: true,
    values: [...SASL_OPTIONS, V('forward_secrecy', 'only mechanisms with forward secrecy'), MUTUAL_AUTH],
  },
  {
    params: ['smtputf8_autodetect_classes'], docs: 'smtputf8_autodetect_classes', list: true,
    values: [
      V('sendmail', 'mail from the sendmail command'), V('smtpd', 'mail received by smtpd'), V('qmqpd', 'mail received by qmqpd'),
      V('forward', 'locally forwarded mail'), V('bounce', 'delivery status notifications'), V('notify', 'postmaster notifications'),
      V('verify', 'address verification probes'), V('all', 'all mail'),
    ],
  },
];

const BY_NAME = new Map<string, ValueSet>(VALUE_SETS.flatMap((set) => set.params.map((p) => [p, set] as [string, ValueSet])));

/** The keyword set of `name` with the keywords the release accepts, if we have one. */
export function valueChoices(name: string, release: Release): { list: boolean; values: ValueChoice[] } | undefined {
  const set = BY_NAME.get(name);
  if (!set) return undefined;
  const values = set.values.filter((v) => !v.since || atLeast(release, v.since));
  return { list: !!set.list, values };
}

function atLeast(release: Release, since: string): boolean {
  const [major, minor] = since.split('.').map(Number);
  return release.major > major || (release.major === major && release.minor >= minor);
}
