/**
 * Lookup tables ("maps"): the parsers of their source files and what a lookup answers.
 * The rest of the core reaches maps through this module.
 */
import { parseIndexedMap } from './indexed';
import { MapFile, MapSyntax } from './mapFile';

export * from './mapFile';

/** Parses the text of a table read with `syntax` (see `syntaxOfType`). */
export function parseMapFile(text: string, syntax: MapSyntax = 'indexed'): MapFile {
  if (syntax === 'indexed') return parseIndexedMap(text);
  throw new Error(`not yet: ${syntax}`);
}
