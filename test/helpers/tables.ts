/**
 * Lookup tables for tests, from map file text: what the workspace hands the core for the
 * files main.cf names (see ConfigurationInput.tables).
 */
import type { LookupTable } from '../../server/core/model/tables';

/** A table from "key value" lines (# comments, blank lines skipped; keys in lower case, the first wins). */
export function textTable(text: string): LookupTable {
  const pairs = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*?)\s*$/.exec(line);
    if (!m || line.startsWith('#')) continue;
    const key = m[1].toLowerCase();
    if (!pairs.has(key)) pairs.set(key, m[2]);
  }
  return { lookup: (key) => pairs.get(key.toLowerCase()), entries: () => pairs.entries() };
}

/** Tables by path, from texts by path. */
export function tablesOf(texts: Record<string, string>): Map<string, LookupTable> {
  return new Map(Object.entries(texts).map(([path, text]) => [path, textTable(text)]));
}
