/**
 * Lookup tables ("maps"): the parsers of their source files and what a lookup answers.
 * The rest of the core reaches maps through this module.
 */
import { parseIndexedMap } from './indexed';
import { parsePatternMap } from './patterns';
import { MapFile, MapOptions, MapSyntax } from './mapFile';

export * from './mapFile';

/** Parses the text of a table read with `syntax` (see `syntaxOfType`). */
export function parseMapFile(text: string, syntax: MapSyntax = 'indexed', options: MapOptions = {}): MapFile {
  return syntax === 'indexed' ? parseIndexedMap(text, options) : parsePatternMap(text, syntax);
}
