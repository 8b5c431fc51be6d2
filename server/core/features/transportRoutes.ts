/**
 * Which transport a recipient domain goes through, as far as the configuration tells:
 * the transport map's source text (handed in by the adapter, which reads files; the core
 * reads none) and the routes the strict-provider command writes into main.cf as comments
 * (`#   orange.fr   orange:`). Used to say when a strict provider's domains already belong
 * to a declared receiver.
 */
import type { Configuration } from '../model/configuration';
import { expandedValue } from '../model/effective';

/** A transport map's source, as read by the adapter. */
export interface MapText {
  /** The file that was read (the map's source, or the one beside main.cf of that name). */
  path: string;
  text: string;
}

/** Table types whose source is a text file that postmap compiles (the path is the map's name). */
const FILE_TYPES = new Set(['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'sdbm', 'texthash']);

/** The source files of `transport_maps` (as Postfix expands the value): absolute paths only. */
export function transportMapSources(config: Configuration): string[] {
  const value = expandedValue(config, 'transport_maps').value ?? '';
  const out: string[] = [];
  for (const item of value.split(/[\s,]+/)) {
    const parts = item.replace(/^proxy:/, '').split(':');
    if (parts.length === 2 && FILE_TYPES.has(parts[0]) && parts[1].startsWith('/')) out.push(parts[1]);
  }
  return [...new Set(out)];
}

/** `#   orange.fr   orange:` in a comment: a route the strict-provider command wrote. */
const COMMENT_ROUTE = /^\s+(\.?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\s+([A-Za-z0-9_][A-Za-z0-9_.-]*):\S*\s*$/;
/** `orange.fr  orange:[mx.orange.fr]` in a map source. */
const MAP_ROUTE = /^(\.?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\s+([A-Za-z0-9_][A-Za-z0-9_.-]*):/;

/**
 * Routes by domain (lower case, `.parent` entries as written): the map sources first, the
 * comments where a map says nothing. Looked up with the strict-provider input's checks.
 */
export function knownRoutes(config: Configuration, maps: readonly MapText[] = []): Record<string, string> {
  const routes: Record<string, string> = Object.create(null);
  const add = (domain: string, transport: string): void => {
    const key = domain.toLowerCase();
    if (!(key in routes)) routes[key] = transport;
  };
  for (const map of maps) {
    for (const line of map.text.split('\n')) {
      const m = MAP_ROUTE.exec(line);
      if (m) add(m[1], m[2]);
    }
  }
  for (const comment of config.main.comments) {
    const m = COMMENT_ROUTE.exec(comment.text);
    if (m) add(m[1], m[2]);
  }
  return routes;
}
