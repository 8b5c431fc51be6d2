/**
 * Lookup tables ("maps"): the parsers of their source files and what a lookup answers.
 * The rest of the core reaches maps through this module.
 */
import { parseIndexedMap } from './indexed';
import { MapFile, MapOptions, MapSyntax } from './mapFile';

export * from './mapFile';

/** Parses the text of a table read with `syntax` (see `syntaxOfType`). */
export function parseMapFile(text: string, syntax: MapSyntax = 'indexed', options: MapOptions = {}): MapFile {
  if (syntax === 'indexed') return parseIndexedMap(text, options);
  throw new Error(`not yet: ${syntax}`);
}
