/**
 * How the smtp/lmtp client of one transport opens its sessions, as far as a receiver's
 * cap cares: whether they use TLS (TLS sessions are not cached unless
 * `smtp_tls_connection_reuse = yes`, which hands them to tlsproxy), which source addresses
 * they come from (`inet_protocols`, `smtp_bind_address`, `smtp_bind_address6`), and the
 * fallback relay. Every value as the transport's process reads it: its -o, main.cf, default.
 * See https://www.postfix.org/TLS_README.html and https://www.postfix.org/postconf.5.html.
 */
import type { Configuration, MainLookups } from './configuration';
import { parseBoolean } from './quantities';
import { sourceAddress } from './receivers';
import type { Service } from './services';
import { Sourced, resolve } from './transportLimits';
import { rawValue } from './effective';
import { forEachRef, parseValue } from '../syntax/expansion';
import { DerivedKey } from '../caches';

export type Family = 'ipv4' | 'ipv6';

/** When a transport's sessions use TLS: never, when the receiver offers STARTTLS, or always. */
export type TlsUse = 'never' | 'offered' | 'always';

export interface ClientSessions {
  /** The TLS level in force: none, may, encrypt, ... (legacy switches read as Postfix reads them). */
  tlsLevel: string;
  /** The value that decided the level: the level itself, or the legacy switch. */
  tlsLevelFrom: Sourced;
  tlsUse: TlsUse;
  /** `smtp_tls_connection_reuse`: TLS sessions are cached too (through tlsproxy). */
  tlsReuse: boolean;
  tlsReuseFrom: Sourced;
  /** The address families the client may connect over. */
  families: readonly Family[];
  protocols: Sourced;
  /** The bound source address per family, "" when the system chooses. */
  bind: Readonly<Record<Family, string>>;
  bind4: Sourced;
  bind6: Sourced;
  /** `smtp_fallback_relay` (`lmtp_fallback_relay`): where deliveries go when a next-hop fails. */
  fallbackRelay: Sourced;
}

type Prefix = 'smtp' | 'lmtp';

const NAMES: Record<Prefix, ReadonlySet<string>> = {
  smtp: namesOf('smtp'),
  lmtp: namesOf('lmtp'),
};

function namesOf(prefix: Prefix): Set<string> {
  const own = ['tls_security_level', 'enforce_tls', 'use_tls', 'tls_connection_reuse', 'bind_address', 'bind_address6', 'fallback_relay'];
  return new Set([...own.map((n) => `${prefix}_${n}`), 'inet_protocols']);
}

/** What main.cf alone gives, per configuration and prefix: the values read and their look-ups. */
interface Common {
  sessions: ClientSessions;
  values: Map<string, Sourced>;
  lookups: MainLookups;
  /**
   * The names those values refer to: the names their chains followed and their
   * expressions name, through main.cf and the defaults. A service whose -o options set
   * none of them, nor a client setting, reads exactly what main.cf gives, and shares it.
   */
  referenced: ReadonlySet<string>;
}

const SHARED = new DerivedKey<Map<Prefix, Common>>('client settings main.cf gives every smtp/lmtp service');

/**
 * The client settings of an smtp/lmtp service, for transportLimits (which records the
 * main.cf look-ups). Most services override none of these names, and read what main.cf
 * says: that is read once per configuration and its look-ups replayed. A service that
 * overrides some client settings reads those itself and shares the rest; one that
 * overrides a name a main.cf value refers to (-o fallback_relay under the default
 * smtp_fallback_relay = $fallback_relay) reads everything itself.
 */
export function clientSessionsOf(config: Configuration, service: Service): ClientSessions {
  const prefix: Prefix = service.program === 'lmtp' ? 'lmtp' : 'smtp';
  const own = (name: string): Sourced => resolve(config, name, { service: service.entry });
  const common = commonOf(config, prefix);
  if (service.entry.options.some((o) => common.referenced.has(o.name.text))) return clientSessions(config, prefix, own);
  const mine = service.entry.options.filter((o) => NAMES[prefix].has(o.name.text));
  config.replay(common.lookups);
  if (!mine.length) return common.sessions;
  const overridden = new Set(mine.map((o) => o.name.text));
  return clientSessions(config, prefix, (name) => (overridden.has(name) ? own(name) : common.values.get(name) ?? own(name)));
}

function commonOf(config: Configuration, prefix: Prefix): Common {
  const perConfig = config.derive(SHARED, () => new Map());
  let common = perConfig.get(prefix);
  if (!common) {
    const values = new Map<string, Sourced>();
    const read = (name: string): Sourced => {
      const value = resolve(config, name);
      values.set(name, value);
      return value;
    };
    const [sessions, lookups] = config.record(() => clientSessions(config, prefix, read));
    perConfig.set(prefix, (common = { sessions, values, lookups, referenced: namesReferenced(config, values) }));
  }
  return common;
}

/** The names resolved values refer to, following `$` references through main.cf and the defaults. */
function namesReferenced(config: Configuration, values: ReadonlyMap<string, Sourced>): Set<string> {
  const names = new Set<string>();
  const queue = [...values.keys()];
  const add = (name: string): void => {
    if (!names.has(name)) {
      names.add(name);
      queue.push(name);
    }
  };
  for (const value of values.values()) for (const via of value.via) add(via);
  // Each name is visited once: bounded by the names that exist.
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = rawValue(config, name)?.text;
    if (text && text.includes('$')) forEachRef(parseValue(text).nodes, (ref) => add(ref.name));
  }
  return names;
}

/** Reads the client settings; `read(name)` resolves a name for the transport's own process. */
function clientSessions(config: Configuration, prefix: Prefix, read: (name: string) => Sourced): ClientSessions {
  const { level, from } = tlsLevel(config, prefix, read);
  const tlsReuseFrom = read(`${prefix}_tls_connection_reuse`);
  const protocols = read('inet_protocols');
  const bind4 = read(`${prefix}_bind_address`);
  const bind6 = read(`${prefix}_bind_address6`);
  return {
    tlsLevel: level, tlsLevelFrom: from, tlsUse: tlsUseOf(level),
    tlsReuse: parseBoolean(tlsReuseFrom.value) === true, tlsReuseFrom,
    families: familiesOf(protocols), protocols,
    bind: { ipv4: sourceAddress(bind4.value) ?? '', ipv6: sourceAddress(bind6.value) ?? '' },
    bind4, bind6,
    fallbackRelay: read(`${prefix}_fallback_relay`),
  };
}

/**
 * The level: `*_tls_security_level` when it is not empty, else the obsolete switches
 * (`*_enforce_tls = yes` is encrypt, `*_use_tls = yes` is may). The built-in default is
 * empty, and `may` for the smtp client of Postfix 3.11 and later at compatibility level
 * 3.11 or more.
 */
function tlsLevel(config: Configuration, prefix: Prefix, read: (name: string) => Sourced): { level: string; from: Sourced } {
  const from = read(`${prefix}_tls_security_level`);
  const level = from.from === 'default' ? builtInLevel(config, prefix) : from.value.toLowerCase();
  if (level) return { level, from };
  const enforce = read(`${prefix}_enforce_tls`);
  if (parseBoolean(enforce.value)) return { level: 'encrypt', from: enforce };
  const use = read(`${prefix}_use_tls`);
  if (parseBoolean(use.value)) return { level: 'may', from: use };
  return { level: 'none', from };
}

function builtInLevel(config: Configuration, prefix: Prefix): string {
  const { major, minor } = config.release;
  if (prefix !== 'smtp' || major * 1000 + minor < 3011) return '';
  const compat = /^\s*(\d+)(?:\.(\d+))?/.exec(config.mainEntry('compatibility_level')?.value.text ?? '');
  return compat && Number(compat[1]) * 1000 + Number(compat[2] ?? 0) >= 3011 ? 'may' : '';
}

/**
 * none: plaintext. may and dane: TLS when the receiver offers STARTTLS (dane without
 * usable TLSA records is may). The others insist on TLS. An unknown level is read as
 * plaintext: that is the reading under which sessions can be cached, the larger peak.
 */
export function tlsUseOf(level: string): TlsUse {
  if (level === 'may' || level === 'dane') return 'offered';
  if (['encrypt', 'dane-only', 'fingerprint', 'verify', 'secure'].includes(level)) return 'always';
  return 'never';
}

/** `inet_protocols`: all, or a list of ipv4 and ipv6; anything unreadable counts as both. */
function familiesOf(protocols: Sourced): Family[] {
  const words = protocols.value.toLowerCase().split(/[\s,]+/).filter(Boolean);
  const out: Family[] = [];
  if (words.includes('all') || words.includes('ipv4')) out.push('ipv4');
  if (words.includes('all') || words.includes('ipv6')) out.push('ipv6');
  return out.length ? out : ['ipv4', 'ipv6'];
}
