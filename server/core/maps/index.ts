/**
 * Lookup tables ("maps"): the parsers of their source files and what a lookup answers.
 * The rest of the core reaches maps through this module.
 */
import { parseIndexedMap } from './indexed';
import { parsePatternMap } from './patterns';
import { parseFlatIndexed } from './fastIndexed';
import { MapFile, MapOptions, MapSyntax } from './mapFile';

export * from './mapFile';

/** Parses the text of a table read with `syntax` (see `syntaxOfType`). */
export function parseMapFile(text: string, syntax: MapSyntax = 'indexed', options: MapOptions = {}): MapFile {
  if (syntax !== 'indexed') return parsePatternMap(text, syntax);
  // Tables without an unusual line (nearly all large ones) take the flat path.
  return parseFlatIndexed(text, options) ?? parseIndexedMap(text, options);
}
