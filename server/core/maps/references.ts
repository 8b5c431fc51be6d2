/**
 * Which lookup tables a configuration names, and what for: `hash:/etc/postfix/transport`
 * in `transport_maps` is a transport map whose source text is /etc/postfix/transport. The
 * host reads these files (the core reads none) and hands them back in `ConfigFiles.maps`.
 */
import type { ConfigKind, Configuration } from '../model/configuration';
import { expandRaw, expandUncached } from '../model/effective';
import type { MainEntry } from '../syntax/mainCf';
import { ownCopy } from '../syntax/logicalLines';
import { TreeVersion, versionOf } from '../syntax/incremental';
import type { MasterCf, MasterEntry } from '../syntax/masterCf';
import { DerivedKey, StoreKey } from '../caches';
import { INDEXED_TYPES, MapSyntax, syntaxOfType } from './mapFile';

/** What a table is used for: it decides which values make sense in it. */
export type MapRole =
  | 'transport' | 'access' | 'virtual-alias' | 'virtual-mailbox' | 'virtual-domains' | 'canonical' | 'generic'
  | 'relocated' | 'relayhost' | 'sasl-password' | 'checks' | 'bcc' | 'aliases' | 'other';

export interface MapReference {
  /** The table type, e.g. "hash" (a `proxy:` in front is left out). */
  type: string;
  /** The source file's path as the configuration names it, after `$name` expansion. */
  path: string;
  syntax: MapSyntax;
  /** The parameter whose value names it. */
  parameter: string;
  role: MapRole;
  /** Where: the value that names it. */
  file: ConfigKind;
  start: number;
  end: number;
  /** For a master.cf `-o` option: the service's name. */
  service?: string;
}

const ROLE_OF: Record<string, MapRole> = {
  transport_maps: 'transport', sender_dependent_default_transport_maps: 'transport',
  virtual_alias_maps: 'virtual-alias', virtual_maps: 'virtual-alias',
  virtual_mailbox_maps: 'virtual-mailbox', virtual_mailbox_domains: 'virtual-domains', virtual_alias_domains: 'virtual-domains',
  canonical_maps: 'canonical', sender_canonical_maps: 'canonical', recipient_canonical_maps: 'canonical',
  smtp_generic_maps: 'generic', lmtp_generic_maps: 'generic',
  relocated_maps: 'relocated', sender_dependent_relayhost_maps: 'relayhost',
  smtp_sasl_password_maps: 'sasl-password', lmtp_sasl_password_maps: 'sasl-password',
  header_checks: 'checks', body_checks: 'checks', mime_header_checks: 'checks', nested_header_checks: 'checks',
  smtp_header_checks: 'checks', smtp_body_checks: 'checks', smtp_mime_header_checks: 'checks', smtp_nested_header_checks: 'checks',
  milter_header_checks: 'checks',
  recipient_bcc_maps: 'bcc', sender_bcc_maps: 'bcc',
};

/**
 * Tables that have no postmap source text: aliases(5) files (postalias reads them, in their
 * own format) and the caches Postfix writes itself (TLS sessions, address verification,
 * postscreen, SASL authentication); proxy_read_maps and proxy_write_maps only list what
 * proxymap may open.
 */
const NOT_A_SOURCE = /^(alias_maps|alias_database|proxy_read_maps|proxy_write_maps|.*_cache_database|.*_cache_map|.*_cache_name|address_verify_map|.*_session_cache)$/;

/** The role of a table named in `parameter`, right after `previous` (a `check_*_access` makes it an access table). */
export function roleOf(parameter: string, previous: string | undefined): MapRole {
  if (previous && /^check_[a-z_]+_access$/.test(previous)) return 'access';
  return ROLE_OF[parameter] ?? 'other';
}

const REFERENCES = new DerivedKey<MapReference[]>('lookup tables the configuration names');
const TABLE = /^(?:proxy:)?([a-z0-9_]+):(.+)$/;

/** Every table with a text source that main.cf or master.cf names (each place it is named). */
export function mapReferences(config: Configuration): MapReference[] {
  return config.derive(REFERENCES, () => {
    const out: MapReference[] = [];
    const kept = keptValues(config);
    // Entries naming tables that are no postmap source (aliases files, caches): see below.
    const notSources: MainEntry[] = [];
    for (const entry of config.main.entries) {
      const text = entry.value.text;
      if (!text.includes(':')) continue;
      const parameter = entry.name.text;
      if (NOT_A_SOURCE.test(parameter)) notSources.push(entry);
      else collect(out, expandedEntry(config, kept, entry, text), { parameter, file: 'main', start: entry.value.start, end: entry.value.end });
    }
    for (const service of config.services) {
      for (const option of service.entry.options) {
        if (!option.value.text.includes(':') || NOT_A_SOURCE.test(option.name.text)) continue;
        const value = expandRaw(config, option.value.text, service.entry as MasterEntry).value;
        collect(out, value, { parameter: option.name.text, file: 'master', start: option.value.start, end: option.value.end, service: service.name });
      }
    }
    // A table that is also an aliases file or a cache (local_recipient_maps = $alias_maps) is not a postmap source either.
    const excluded = new Set<string>();
    const aliases: MapReference[] = [];
    collect(aliases, expandRaw(config, '$alias_maps, $alias_database').value, { parameter: 'alias_maps', file: 'main', start: 0, end: 0 });
    for (const r of aliases) excluded.add(r.path);
    for (const entry of notSources) {
      const found: MapReference[] = [];
      collect(found, expandRaw(config, entry.value.text).value, { parameter: entry.name.text, file: 'main', start: 0, end: 0 });
      for (const r of found) excluded.add(r.path);
    }
    return excluded.size ? out.filter((r) => !excluded.has(r.path)) : out;
  });
}

/**
 * The expanded values of the main.cf entries that name tables, kept from one version to
 * the next: an edit keeps the entry objects of unchanged lines, and their values still
 * hold when the edit changed none of the names any expansion looked up (with the same
 * release and master.cf, which decide defaults). A 100,000-line main.cf has thousands of
 * such values, and the host asks on every version.
 */
interface KeptValues {
  version: TreeVersion;
  release: number;
  master: MasterCf;
  /** Each entry's expanded value (its own copy: a slice would keep that version of the document alive). */
  values: WeakMap<MainEntry, string>;
  /** Every name the expansions looked up (own copies). */
  names: Set<string>;
}

const EXPANDED = new StoreKey('expanded values of main.cf entries that name tables, from the last version', () => ({ last: undefined as KeptValues | undefined }));

/** The values kept for this configuration's version: the last version's when they still hold, else none. */
function keptValues(config: Configuration): KeptValues | undefined {
  // Entries standing in for main.cf's (the upgrade review's) are not what the index's changes say.
  if (config.overrides) return undefined;
  const holder = config.caches.store(EXPANDED);
  const version = versionOf(config.main);
  const last = holder.last;
  if (last && last.release === config.release.index && last.master === config.master) {
    if (last.version === version) return last;
    const changed = config.mainIndex.changedSince(last.version);
    if (changed && ![...changed].some((name) => last.names.has(name))) {
      last.version = version;
      return last;
    }
  }
  return (holder.last = { version, release: config.release.index, master: config.master, values: new WeakMap(), names: new Set() });
}

function expandedEntry(config: Configuration, kept: KeptValues | undefined, entry: MainEntry, text: string): string {
  // Text without a `$` expands to itself (see parseValue).
  if (!text.includes('$')) return text;
  if (!kept) return expandRaw(config, text).value;
  const known = kept.values.get(entry);
  if (known !== undefined) return known;
  const [value, lookups] = config.record(() => expandUncached(config, text).value);
  lookups.forEach((name) => {
    if (!kept.names.has(name)) kept.names.add(ownCopy(name));
  });
  kept.values.set(entry, ownCopy(value));
  return value;
}

type Where = Pick<MapReference, 'parameter' | 'file' | 'start' | 'end' | 'service'>;

function collect(out: MapReference[], value: string, where: Where): void {
  let previous: string | undefined;
  for (const token of value.split(/[\s,]+/)) {
    if (!token) continue;
    const m = TABLE.exec(token);
    const syntax = m && !m[2].startsWith('{') ? syntaxOfType(m[1]) : undefined;
    if (m && syntax) {
      // Written out rather than spread: a spread object keeps its fields in a second array
      // (15,000 references in a large configuration, per version).
      const role = roleOf(where.parameter, previous);
      const { parameter, file, start, end, service } = where;
      // The type as a constant string: one string fewer per reference.
      const type = syntax === 'indexed' ? INDEXED_TYPES.find((t) => t === m[1]) ?? m[1] : syntax;
      out.push(service === undefined
        ? { type, path: m[2], syntax, role, parameter, file, start, end }
        : { type, path: m[2], syntax, role, parameter, file, start, end, service });
    }
    previous = token;
  }
}

/** The distinct source files of `references` (a file named twice is read once), with the syntax to read it with. */
export function mapSources(references: readonly MapReference[]): Map<string, MapSyntax> {
  const out = new Map<string, MapSyntax>();
  for (const r of references) if (!out.has(r.path)) out.set(r.path, r.syntax);
  return out;
}
