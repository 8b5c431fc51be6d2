/**
 * Lookup tables for tests, from map file text read by the real map parser: what the
 * workspace hands the core for the files main.cf names (see ConfigurationInput.tables).
 */
import { parseMapFile } from '../../server/core/maps';
import { LookupTable, tableOfMap } from '../../server/core/model/tables';

/** A table from the text of an indexed map's source ("key value" lines). */
export function textTable(text: string): LookupTable {
  return tableOfMap(parseMapFile(text, 'indexed'));
}

/** Tables by path, from texts by path. */
export function tablesOf(texts: Record<string, string>): Map<string, LookupTable> {
  return new Map(Object.entries(texts).map(([path, text]) => [path, textTable(text)]));
}
