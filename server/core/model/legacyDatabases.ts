/**
 * Legacy database client settings: with `alias_maps = ldap:myldap` (a name, not a path),
 * Postfix reads the client's settings from main.cf as `myldap_<attribute>`. Which
 * attributes postconf accepts per client type is a fact of each release (generated from
 * the lists it was built with).
 */
import { LEGACY_DATABASE_TYPES, Release, legacyDatabaseAttributes } from '../kb/knowledgeBase';

/** Client names, each with the database types it was named with (`ldap:myldap` gives myldap -> {ldap}). */
export type LegacyClients = Map<string, Set<string>>;

const QUICK_CHECK = new RegExp(`(?:${LEGACY_DATABASE_TYPES.join('|')}):`);
const TABLE_REF = new RegExp(`(?:^|[\\s,:{])(${LEGACY_DATABASE_TYPES.join('|')}):([^\\s,{}/]+)(?=$|[\\s,}])`, 'g');

/** True when a value may name a legacy database client (and so make `NAME_attribute` names valid). */
export function mayNameLegacyDatabase(text: string): boolean {
  return QUICK_CHECK.test(text);
}

/** Adds the legacy database clients named in `text`. */
export function legacyClientsIn(text: string, clients: LegacyClients): void {
  if (!QUICK_CHECK.test(text)) return;
  for (const m of text.matchAll(TABLE_REF)) {
    const types = clients.get(m[2]);
    if (types) types.add(m[1]);
    else clients.set(m[2], new Set([m[1]]));
  }
}

/** True when `name` is `CLIENT_attribute` for one of `clients` and an attribute `release` accepts for its type. */
export function isLegacyClientSetting(name: string, clients: LegacyClients, release: Release): boolean {
  if (!clients.size) return false;
  for (let at = name.indexOf('_'); at > 0; at = name.indexOf('_', at + 1)) {
    const types = clients.get(name.slice(0, at));
    if (!types) continue;
    const attribute = name.slice(at + 1);
    for (const type of types) if (legacyDatabaseAttributes(type, release)?.includes(attribute)) return true;
  }
  return false;
}
