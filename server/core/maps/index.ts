/**
 * Lookup tables ("maps"): the parsers of their source files and what a lookup answers.
 * The rest of the core reaches maps through this module.
 */
import { parseIndexedMap } from './indexed';
import { parsePatternMap } from './patterns';
import { TextChange, parseFlatIndexed, updateFlatIndexed } from './fastIndexed';

export type { TextChange };
import { MapFile, MapOptions, MapSyntax } from './mapFile';

export * from './mapFile';

/** Parses the text of a table read with `syntax` (see `syntaxOfType`). */
export function parseMapFile(text: string, syntax: MapSyntax = 'indexed', options: MapOptions = {}): MapFile {
  if (syntax !== 'indexed') return parsePatternMap(text, syntax);
  // Tables without an unusual line (nearly all large ones) take the flat path.
  return parseFlatIndexed(text, options) ?? parseIndexedMap(text, options);
}

/**
 * The table of `text`, the next version of `old`: a table read on the flat path re-reads
 * only the lines the edit touches (fastIndexed.ts); others are read again whole. `old`
 * must not be used afterwards.
 */
export function updateMapFile(old: MapFile, text: string, change?: TextChange): MapFile {
  if (old.syntax === 'indexed') {
    const next = updateFlatIndexed(old, text, change);
    if (next) return next;
  }
  return parseMapFile(text, old.syntax);
}
