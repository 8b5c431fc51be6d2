/**
 * Lookup tables ("maps"): the parsers of their source files and what a lookup answers.
 * The rest of the core reaches maps through this module.
 */
import { parseIndexedMap } from './indexed';
import { parsePatternMap } from './patterns';
import { TextChange, parseFlatIndexed, updateFlatIndexed } from './fastIndexed';
import { ChunkedText } from '../chunkedText';

export type { TextChange };
import { MapFile, MapOptions, MapSyntax } from './mapFile';

export * from './mapFile';

/** Parses the text of a table read with `syntax` (see `syntaxOfType`). */
export function parseMapFile(text: string | ChunkedText, syntax: MapSyntax = 'indexed', options: MapOptions = {}): MapFile {
  if (syntax !== 'indexed') return parsePatternMap(text.toString(), syntax);
  // Tables without an unusual line (nearly all large ones) take the flat path.
  const chunked = typeof text === 'string' ? ChunkedText.from(text) : text;
  return parseFlatIndexed(chunked, options) ?? parseIndexedMap(chunked.toString(), options);
}

/**
 * The table of `text`, the next version of `old`: a table read on the flat path re-reads
 * only the lines the edit touches (fastIndexed.ts); others are read again whole. `old`
 * must not be used afterwards.
 */
export function updateMapFile(old: MapFile, text: string | ChunkedText, change?: TextChange): MapFile {
  if (old.syntax === 'indexed') {
    const next = updateFlatIndexed(old, typeof text === 'string' ? ChunkedText.from(text) : text, change);
    if (next) return next;
  }
  return parseMapFile(text, old.syntax);
}
