/**
 * Which transport a recipient domain goes through, as far as the configuration tells:
 * the transport maps the host handed in (`config.tables`, the routing model's tables) and
 * the routes the strict-provider command writes into main.cf as comments
 * (`#   orange.fr   orange:`). Used to say when a strict provider's domains already belong
 * to a declared receiver. The domains are typed later, in the client, so every listed
 * route is given, not the route of given domains.
 */
import type { Configuration } from '../model/configuration';
import { listItems, splitTransport } from '../model/routing';
import { tableOf } from '../model/tables';

/** `#   orange.fr   orange:` in a comment: a route the strict-provider command wrote. */
const COMMENT_ROUTE = /^\s+(\.?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\s+([A-Za-z0-9_][A-Za-z0-9_.-]*):\S*\s*$/;
/** A transport map key that names a domain or, with a leading dot, its subdomains. */
const DOMAIN_KEY = /^\.?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/**
 * Routes by domain (lower case, `.parent` entries as written): the listable transport
 * maps first, in transport_maps order, the comments where a map says nothing.
 */
export function knownRoutes(config: Configuration): Record<string, string> {
  const routes: Record<string, string> = Object.create(null);
  const add = (domain: string, transport: string): void => {
    const key = domain.toLowerCase();
    if (transport && !(key in routes)) routes[key] = transport;
  };
  for (const spec of listItems(config, 'transport_maps')) {
    const entries = tableOf(config, spec)?.entries?.();
    if (!entries) continue;
    for (const [key, value] of entries) if (DOMAIN_KEY.test(key)) add(key, splitTransport(value).transport);
  }
  for (const comment of config.main.comments) {
    const m = COMMENT_ROUTE.exec(comment.text);
    if (m) add(m[1], m[2]);
  }
  return routes;
}
