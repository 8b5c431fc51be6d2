/**
 * How the review groups parameters: what an admin fighting "421 Too many connections"
 * looks at first (delivery and connections), then TLS, SMTPUTF8, relay control, and the
 * rest. A name's group follows from its words; the first group that matches wins.
 */
export type UpgradeGroup = 'delivery' | 'tls' | 'smtputf8' | 'relay' | 'other';

export const GROUPS: readonly { group: UpgradeGroup; title: string }[] = [
  { group: 'delivery', title: 'Delivery and connections' },
  { group: 'tls', title: 'TLS' },
  { group: 'smtputf8', title: 'SMTPUTF8' },
  { group: 'relay', title: 'Relay control' },
  { group: 'other', title: 'Everything else' },
];

const RANK = new Map(GROUPS.map((g, i) => [g.group, i]));

/** Sorts groups in the review's order. */
export function groupRank(group: UpgradeGroup): number {
  return RANK.get(group) ?? GROUPS.length;
}

// TLS session reuse decides whether sessions are cached, so it counts as a connection setting.
const DELIVERY = /concurrency|process_limit|rate_delay|connection|_cache_|session_cache|_destination_|recipient_limit|transport|relayhost|fallback_relay|timeout|time_limit|backoff|queue_run|deadline|data_rate|bind_address|qmgr|anvil|_limit$|maxproc|delivery_slot|smtp_mx_|smtp_host_lookup|smtp_dns|_reuse/;
const TLS = /tls|_ssl|openssl|dane|cert|_ca_/;
const SMTPUTF8 = /smtputf8|utf8|idna/;
const RELAY = /relay|mynetworks|restrictions|_reject|authorized|sasl|access|permit|verify|helo_required|strict_rfc|rbl|dnsbl|postscreen/;

/** The review's group of a parameter name. */
export function groupOf(name: string): UpgradeGroup {
  if (DELIVERY.test(name) && (!TLS.test(name) || /connection_reuse|_reuse/.test(name))) return 'delivery';
  if (TLS.test(name)) return 'tls';
  if (SMTPUTF8.test(name)) return 'smtputf8';
  if (RELAY.test(name)) return 'relay';
  return 'other';
}
