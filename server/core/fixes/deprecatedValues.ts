/**
 * What a deprecated setting means in terms of its replacement, for the quick-fix. Only
 * translations that keep the behaviour are offered:
 * - `P_use_tls` / `P_enforce_tls` (yes/no) -> `P_..._security_level`: enforce gives
 *   "encrypt" ("verify" for the smtp/lmtp client while `P_tls_enforce_peername` is yes, its
 *   default), else use gives "may", else "none". Both names are read together, so the
 *   other one in the same place is removed by the same fix.
 * - `disable_dns_lookups` yes/no -> `smtp_dns_support_level` disabled/enabled.
 * - a plain rename (3.11's `virtual_maps` -> `virtual_alias_maps`, ...): the replacement's
 *   default hands the deprecated name's value through unchanged, so the line is renamed and
 *   its value kept as written. Checked by expanding that default, not assumed: where the
 *   default adds to the value (`postscreen_dnsbl_ttl` becomes hours) no rename is offered.
 * When the replacement has a value where the deprecated name is (set, or a default such
 * as postscreen's `$smtpd_tls_security_level`), Postfix ignores the deprecated name, and
 * the fix just removes it. `*_tls_per_site` tables have another
 * format than policy tables, so no fix is offered for them.
 */
import type { Configuration } from '../model/configuration';
import { defaultOf, expandRaw, optionOf, rawValue } from '../model/effective';
import { expand } from '../model/expand';
import { MasterEntry } from '../syntax/masterCf';

export type Translation =
  | { kind: 'replace'; replacement: string; value: string; alsoRemove?: string }
  | { kind: 'rename'; replacement: string }
  | { kind: 'remove'; replacement: string };

const TLS_PAIR = /^(smtp|lmtp|smtpd|postscreen|tlsproxy|tlsproxy_client)_(use|enforce)_tls$/;
const CLIENTS = new Set(['smtp', 'lmtp']);

/** How to replace `name` (set in main.cf, or with -o on `service`), if it can be done safely. */
export function translateDeprecated(args: { config: Configuration; name: string; replacement: string; service?: MasterEntry }): Translation | undefined {
  const { config, name, replacement, service } = args;
  const scope = new Scope(config, service);
  if (!scope.explicit(replacement) && passesThrough(config, replacement, name)) return { kind: 'rename', replacement };
  const current = scope.replacementValue(replacement);
  if (current === undefined) return undefined;
  if (current) return { kind: 'remove', replacement };
  // Set, but empty: a second setting would be needed; leave that to the user.
  if (scope.explicit(replacement)) return undefined;
  if (name === 'disable_dns_lookups') {
    const v = scope.value(name);
    return v === 'yes' || v === 'no' ? { kind: 'replace', replacement, value: v === 'yes' ? 'disabled' : 'enabled' } : undefined;
  }
  const m = TLS_PAIR.exec(name);
  if (!m) return undefined;
  const prefix = m[1];
  const other = `${prefix}_${m[2] === 'use' ? 'enforce' : 'use'}_tls`;
  const use = scope.value(`${prefix}_use_tls`);
  const enforce = scope.value(`${prefix}_enforce_tls`);
  if (!isBool(use) || !isBool(enforce)) return undefined;
  let value = enforce === 'yes' ? 'encrypt' : use === 'yes' ? 'may' : 'none';
  if (enforce === 'yes' && prefix === 'tlsproxy_client') return undefined;
  if (enforce === 'yes' && CLIENTS.has(prefix)) {
    const peername = scope.value(`${prefix}_tls_enforce_peername`);
    if (!isBool(peername)) return undefined;
    if (peername === 'yes') value = 'verify';
  }
  return { kind: 'replace', replacement, value, alsoRemove: scope.local(other) ? other : undefined };
}

const isBool = (v: string | undefined): v is 'yes' | 'no' => v === 'yes' || v === 'no';

/** True when the default of `replacement` is the value of `name`, whatever that value is. */
function passesThrough(config: Configuration, replacement: string, name: string): boolean {
  const text = defaultOf(config, replacement);
  if (!text?.includes(name)) return false;
  const probe = '\u0001probe\u0001';
  const result = expand(text, (ref) => (ref === name ? probe : rawValue(config, ref)?.text));
  return !result.error && result.value === probe;
}

/** Values as seen from main.cf, or from one service's -o options on top of main.cf. */
class Scope {
  constructor(private readonly config: Configuration, private readonly service?: MasterEntry) {}

  /** Set in this place itself (the service's -o, or main.cf when there is no service). */
  local(name: string): boolean {
    return this.service ? !!optionOf(this.service, name) : !!this.config.mainEntry(name);
  }

  /** Set by the user where this place reads it from (-o or main.cf), not left at the default. */
  explicit(name: string): boolean {
    return (!!this.service && !!optionOf(this.service, name)) || !!this.config.mainEntry(name);
  }

  /**
   * The replacement's value in effect here: what the user set, or a default that refers to
   * another parameter (postscreen_tls_security_level = $smtpd_tls_security_level). Other
   * defaults count as empty: they are empty in the releases that read the deprecated names.
   */
  replacementValue(name: string): string | undefined {
    const raw = rawValue(this.config, name, this.service);
    if (!raw || (raw.from === 'default' && !raw.text.startsWith('$'))) return '';
    return this.value(name);
  }

  /** The expanded, lower-cased value in effect here, or undefined when it cannot be known. */
  value(name: string): string | undefined {
    const raw = rawValue(this.config, name, this.service);
    if (!raw) return undefined;
    const expanded = expandRaw(this.config, raw.text, this.service);
    return expanded.error ? undefined : expanded.value.trim().toLowerCase();
  }
}
