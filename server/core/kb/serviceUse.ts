/**
 * When a configuration needs a service of Postfix's own master.cf: hand-written facts (no
 * release states them in a table), each a test over the values in effect and the texts of
 * main.cf and master.cf, answering with the reason in a few words of our own.
 */

/** What the tests read: a value in effect (expanded, as main.cf readers see it), and every value's text. */
export interface ServiceUseInput {
  value(name: string): string | undefined;
  /** True when a main.cf value or an -o value contains `text`. */
  mentions(text: string): boolean;
  /** True when master.cf runs `program` (the command field's base name). */
  runs(program: string): boolean;
}

type Need = (v: ServiceUseInput) => string | undefined;

const set = (text: string | undefined): boolean => !!text && text.trim() !== '';
const yes = (text: string | undefined): boolean => /^\s*(yes|true|1)\s*$/i.test(text ?? '');
const firstWord = (text: string | undefined): string => (text ?? '').trim().split(/[\s,:]+/)[0] ?? '';
const tlsLevel = (text: string | undefined): boolean => set(text) && !/^\s*none\s*$/.test(text ?? '');

const TLS_SETTINGS = ['smtpd_tls_security_level', 'smtp_tls_security_level', 'lmtp_tls_security_level'];

/** The tests for the services of Postfix's own master.cf, by service name/type or name. */
const NEEDS: Record<string, Need> = {
  'smtp/inet': (v) => {
    const domains = ['mydestination', 'relay_domains', 'virtual_alias_domains', 'virtual_mailbox_domains'].find((n) => set(v.value(n)));
    return domains ? `${domains} is not empty: other servers deliver that mail on port 25` : undefined;
  },
  postlog: (v) => (set(v.value('maillog_file')) ? 'maillog_file is set: logging to a file goes through postlogd' : undefined),
  tlsmgr: (v) => {
    const on = TLS_SETTINGS.find((n) => tlsLevel(v.value(n)));
    if (on) return `${on} turns TLS on: tlsmgr keeps the TLS session caches and the random pool`;
    return v.mentions('_tls_security_level=') || v.mentions('_tls_wrappermode=yes') ? 'an -o option turns TLS on: tlsmgr keeps the TLS session caches' : undefined;
  },
  scache: (v) => {
    if (!v.runs('smtp') && !v.runs('lmtp')) return undefined;
    if (yes(v.value('smtp_connection_cache_on_demand'))) return 'smtp_connection_cache_on_demand = yes: the SMTP client keeps idle sessions there';
    return set(v.value('smtp_connection_cache_destinations')) ? 'smtp_connection_cache_destinations is set: the SMTP client keeps idle sessions there' : undefined;
  },
  anvil: (v) => {
    if (!v.runs('smtpd')) return undefined;
    const limit = ['smtpd_client_connection_count_limit', 'smtpd_client_connection_rate_limit', 'smtpd_client_message_rate_limit', 'smtpd_client_recipient_rate_limit']
      .find((n) => Number(v.value(n)) > 0);
    return limit ? `smtpd counts clients with it (${limit} = ${v.value(limit)})` : undefined;
  },
  verify: (v) => (v.mentions('reject_unverified_') ? 'a restriction uses reject_unverified_sender or reject_unverified_recipient' : undefined),
  proxymap: (v) => (v.mentions('proxy:') ? 'a lookup table is read through proxy:' : undefined),
  proxywrite: (v) => (/proxy:/.test(v.value('proxy_write_maps') ?? '') && v.mentions('proxy:') ? 'a table Postfix writes is reached through proxy:' : undefined),
  flush: (v) => (set(v.value('fast_flush_domains')) ? 'fast_flush_domains is not empty (ETRN, sendmail -qR)' : undefined),
  relay: (v) => (firstWord(v.value('relay_transport')) === 'relay' && set(v.value('relay_domains')) ? 'relay_transport is relay and relay_domains is not empty' : undefined),
  'smtp/unix': (v) => (firstWord(v.value('default_transport')) === 'smtp' ? 'default_transport is smtp: mail for other domains leaves through it' : undefined),
  local: (v) => (firstWord(v.value('local_transport')) === 'local' && set(v.value('mydestination')) ? 'local_transport is local and mydestination is not empty' : undefined),
  virtual: (v) => (firstWord(v.value('virtual_transport')) === 'virtual' && set(v.value('virtual_mailbox_domains')) ? 'virtual_mailbox_domains is set and virtual_transport is virtual' : undefined),
  lmtp: (v) => (v.mentions('lmtp:') ? 'a value names an lmtp: destination' : undefined),
  discard: (v) => (v.mentions('discard:') || v.mentions('DISCARD') ? 'a value or table action names discard' : undefined),
  retry: (v) => (v.mentions('retry:') ? 'a value names a retry: destination' : undefined),
  error: (v) => (firstWord(v.value('error_service_name')) === 'error' ? 'error_service_name is error: mail Postfix must bounce at once goes there' : undefined),
};

/** Parameters whose value names a service Postfix's own programs call (bounce_service_name, ...). */
const SERVICE_NAME = /_service_name$/;

/**
 * Why the configuration needs the service `name`/`type` of Postfix's own master.cf, or
 * undefined when nothing in it does. `serviceNames` are the *_service_name parameters in effect.
 */
export function whyNeeded(service: { name: string; type: string }, input: ServiceUseInput, serviceNames: ReadonlyMap<string, string>): string | undefined {
  const { name } = service;
  const key = [`${name}/${service.type}`, name].find((k) => Object.prototype.hasOwnProperty.call(NEEDS, k));
  if (key) return NEEDS[key](input);
  for (const [param, value] of serviceNames) {
    if (SERVICE_NAME.test(param) && firstWord(value) === name) return `${param} names it: Postfix's own programs call it`;
  }
  return undefined;
}
