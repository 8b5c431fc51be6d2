/**
 * Lookup tables as routing reads them: `inline:{...}` from the value itself, and the
 * tables whose text the host handed over (`config.tables`, keyed by the path as main.cf
 * writes it, e.g. "/etc/postfix/transport"). A table of another type (ldap:, mysql:, a
 * file the host could not read) is unknown: `tableOf` gives undefined.
 */
import type { Configuration } from './configuration';
import { DerivedKey } from '../caches';
import type { SourceFile } from '../document';
import { MapFile, foldKey } from '../maps';
import { isFlatMap } from '../maps/fastIndexed';

/** What routing asks of a table. */
export interface LookupTable {
  /** The value for a key (keys of indexed tables compare in lower case), or undefined. */
  lookup(key: string): string | undefined;
  /** Every key and value, for tables that can list them (not regexp:/pcre:). */
  entries?(): Iterable<[string, string]>;
  /** A regexp:/pcre: table: asked with whole addresses only. */
  pattern?: boolean;
  /** The parsed map file, for a table the host read (consumers of a large table keep results per version). */
  source?: MapFile;
}

/** The map types whose source is a text file next to the configuration (postmap's input). */
export const FILE_TYPES = new Set(['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'texthash', 'regexp', 'pcre']);

/** "hash:/etc/postfix/transport" -> { type: "hash", name: "/etc/postfix/transport" }. */
export function splitTableSpec(spec: string): { type: string; name: string } | undefined {
  const m = /^([a-z0-9_]+):(.*)$/i.exec(spec.trim());
  return m ? { type: m[1].toLowerCase(), name: m[2] } : undefined;
}

const TABLES = new DerivedKey<Map<string, LookupTable | undefined>>('lookup tables by spec');

/** The table a "type:name" spec names, when its text is known (kept per configuration). */
export function tableOf(config: Configuration, spec: string): LookupTable | undefined {
  const kept = config.derive(TABLES, () => new Map());
  if (kept.has(spec)) return kept.get(spec);
  const parts = splitTableSpec(spec);
  let table: LookupTable | undefined;
  if (parts?.type === 'inline') table = inlineTable(parts.name);
  else if (parts?.type === 'static') table = staticTable(parts.name);
  else if (parts && FILE_TYPES.has(parts.type)) table = config.tables?.get(parts.name);
  kept.set(spec, table);
  return table;
}

/** A fixed answer for every key (static:value, static:{value with spaces}). */
function staticTable(name: string): LookupTable {
  const value = name.startsWith('{') && name.endsWith('}') ? name.slice(1, -1).trim() : name;
  return { lookup: () => value, entries: () => [['*', value]] };
}

/**
 * `inline:{ key=value, { key = value with spaces } }`: pairs separated by commas or white
 * space; a pair in braces may hold either. Keys compare in lower case, as Postfix folds them.
 */
export function inlineTable(name: string): LookupTable | undefined {
  const body = name.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) return undefined;
  const pairs = new Map<string, string>();
  for (const item of splitInline(body.slice(1, -1))) {
    const text = item.startsWith('{') && item.endsWith('}') ? item.slice(1, -1).trim() : item;
    const eq = text.indexOf('=');
    if (eq <= 0) return undefined;
    const key = text.slice(0, eq).trim().toLowerCase();
    if (!pairs.has(key)) pairs.set(key, text.slice(eq + 1).trim());
  }
  return { lookup: (key) => pairs.get(key.toLowerCase()), entries: () => pairs.entries() };
}

/** The items of an inline table body: split at commas and blanks outside braces. */
function splitInline(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth === 0 && (ch === ',' || /\s/.test(ch))) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

const OF_MAP = new WeakMap<MapFile, LookupTable>();

/** A parsed map file as routing reads it: what `postmap -q` answers, and its entries (the first of a key wins). */
export function tableOfMap(file: MapFile): LookupTable {
  let table = OF_MAP.get(file);
  if (!table) {
    const pattern = file.syntax !== 'indexed';
    table = {
      lookup: (key) => file.query(key),
      source: file,
      ...(pattern ? { pattern } : {
        entries: function* (): Iterable<[string, string]> {
          if (isFlatMap(file)) {
            // No entry objects to make; an entry that is not the first of its key is never answered.
            for (let i = 0; i < file.size; i++) if (!file.hasDuplicates || file.winner(i)) yield [foldKey(file.keyAt(i)), file.valueAt(i)];
            return;
          }
          const seen = new Set<string>();
          for (const e of file.entries) {
            const key = foldKey(e.key);
            if (!seen.has(key)) yield [key, e.value];
            seen.add(key);
          }
        },
      }),
    };
    OF_MAP.set(file, table);
  }
  return table;
}

/** The tables of ConfigFiles.maps, by the same paths. */
export function tablesOfMaps(maps: ReadonlyMap<string, SourceFile<MapFile>>): Map<string, LookupTable> {
  const out = new Map<string, LookupTable>();
  for (const [path, source] of maps) out.set(path, tableOfMap(source.tree));
  return out;
}
