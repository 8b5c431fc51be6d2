/**
 * A receiver's cap applies per source address: sessions from transports bound to
 * different addresses (`smtp_bind_address`, `smtp_bind_address6`, -o included), or over
 * IPv4 and IPv6, are counted apart. A transport with no bound address sends from the
 * address the system picks, which may be any of the host's, so it counts toward every
 * address of its family.
 */
import type { ClientSessions, Family } from './clientSessions';

/** One source a transport's sessions can come from; address "" = the system's choice. */
export interface SourceKey {
  family: Family;
  address: string;
}

/** The sources of a transport: one per address family it may use (one or two: made when asked). */
export function sourcesOf(client: ClientSessions): readonly SourceKey[] {
  return client.families.map((family) => ({ family, address: client.bind[family] }));
}

export interface SourceGroup<T> {
  /** The address, or "the default IPv4 address" and the like. */
  label: string;
  members: T[];
}

const familyOf = (address: string): Family => (address.includes(':') ? 'ipv6' : 'ipv4');
const defaultLabel = (family: Family): string => `the default ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address`;

/** Whether a transport with these sources can send from `address` of `family`. */
function sendsFrom(sources: readonly SourceKey[], family: Family, address: string): boolean {
  return sources.some((k) => k.family === family && (k.address === address || k.address === ''));
}

/**
 * The groups of transports a per-source cap counts together. With `only` (the receiver's
 * source=), the one group that can send from it. Otherwise one group per bound address,
 * each with the unbound transports of its family, or one per family when none is bound;
 * groups with the same members are one (IPv4 and IPv6 of the same unbound transports).
 */
export function sourceGroups<T extends { sources: readonly SourceKey[] }>(items: readonly T[], only?: string): SourceGroup<T>[] {
  if (only) {
    const family = familyOf(only);
    return [{ label: only, members: items.filter((t) => sendsFrom(t.sources, family, only)) }];
  }
  const keys: SourceKey[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const bound = new Set(items.flatMap((t) => t.sources.filter((k) => k.family === family && k.address).map((k) => k.address)));
    if (bound.size) for (const address of bound) keys.push({ family, address });
    else if (items.some((t) => t.sources.some((k) => k.family === family))) keys.push({ family, address: '' });
  }
  const groups: SourceGroup<T>[] = [];
  const seen = new Set<string>();
  for (const { family, address } of keys) {
    const ids: number[] = [];
    const members = items.filter((t, i) => sendsFrom(t.sources, family, address) && ids.push(i));
    const id = ids.join(',');
    if (seen.has(id)) continue;
    seen.add(id);
    groups.push({ label: address || defaultLabel(family), members });
  }
  return groups.length ? groups : [{ label: defaultLabel('ipv4'), members: [...items] }];
}
