/**
 * The input of "Postfix: Add Strict Provider Transport..." and its checks, with no other
 * dependency so the VS Code client can validate what the user types as they type it.
 */

export interface StrictProviderInput {
  /** The transport (master.cf service) name, e.g. "orange". */
  name: string;
  /** The receiver's cap on sessions from this host. */
  maxConnections: number;
  /** The provider's recipient domains, each its own destination. */
  domains: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const LABEL = '[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?';
const DOMAIN = new RegExp(`^\\.?${LABEL}(\\.${LABEL})*$`);

/** What is wrong with a transport name, or undefined. */
export function checkTransportName(name: string): string | undefined {
  return NAME.test(name) ? undefined : `"${name}" cannot be a transport name: start with a letter or digit, then letters, digits, "-" and "_".`;
}

/** What is wrong with a cap typed as text, or undefined. */
export function checkCap(text: string): string | undefined {
  return /^\s*\d+\s*$/.test(text) && Number(text) >= 1 ? undefined : 'The cap is a whole number of sessions, at least 1.';
}

/** What is wrong with one domain, or undefined. */
export function checkDomain(domain: string): string | undefined {
  return DOMAIN.test(domain) ? undefined : `"${domain}" is not a domain name.`;
}

/** Splits what the user typed for the domains: commas, semicolons and/or blanks. */
export function splitDomains(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((d) => d.trim().toLowerCase()).filter(Boolean))];
}

/** The first problem with the whole input, or undefined. */
export function checkStrictProviderInput(input: StrictProviderInput): string | undefined {
  const name = checkTransportName(input.name);
  if (name) return name;
  if (!Number.isInteger(input.maxConnections) || input.maxConnections < 1) return checkCap(String(input.maxConnections));
  for (const d of input.domains) {
    const problem = checkDomain(d);
    if (problem) return problem;
  }
  return undefined;
}

/** A master.cf service, as the command's first prompt needs to know it. */
export interface ExistingService {
  name: string;
  type: string;
  program: string;
}

/** A declared receiver, with the domains known to go through its transports. */
export interface ExistingReceiver {
  name: string;
  maxConnections: number;
  transports: string[];
}

/** What the command knows of the configuration before it asks anything (postfix/strictProviderContext). */
export interface StrictProviderContext {
  services: ExistingService[];
  receivers: ExistingReceiver[];
  /** Recipient domain (lower case) -> transport, from the transport map and the command's own comments. */
  routes: Record<string, string>;
}

/** Postfix's own transports: every other destination goes through them, so they are never one provider's. */
export const STOCK_TRANSPORTS: readonly string[] = ['smtp', 'relay', 'lmtp'];

/** A name's verdict at the first prompt: refused, or accepted with a note (it converts a transport). */
export interface NameVerdict {
  severity: 'error' | 'info';
  message: string;
}

/** An smtp/lmtp client service of master.cf that the command can convert instead of adding one. */
export function convertible(service: ExistingService): boolean {
  return service.type === 'unix' && (service.program === 'smtp' || service.program === 'lmtp') && !STOCK_TRANSPORTS.includes(service.name);
}

/** What the name typed at the first prompt means in this master.cf, or undefined when it is new. */
export function checkNameIn(name: string, services: readonly ExistingService[]): NameVerdict | undefined {
  const syntax = checkTransportName(name);
  if (syntax) return { severity: 'error', message: syntax };
  const same = services.filter((s) => s.name === name);
  if (!same.length) return undefined;
  if (STOCK_TRANSPORTS.includes(name)) {
    return { severity: 'error', message: `"${name}" is Postfix's own ${name} transport: mail to every other destination uses it. Choose a name for the provider.` };
  }
  if (same.length === 1 && convertible(same[0])) {
    return { severity: 'info', message: `"${name}" is already a transport in master.cf: it will be converted (maxproc and caching on its line, its controls and receiver in main.cf).` };
  }
  const what = same.map((s) => `${s.type} ${s.program}`).join(', ');
  return { severity: 'error', message: `master.cf already has a service named "${name}" (${what}): choose another name.` };
}

/**
 * The receivers that already cover some of `domains`: a domain routed to a transport that a
 * receiver counts. Empty when the routes say nothing about them.
 */
export function receiversCovering(
  domains: readonly string[], context: Pick<StrictProviderContext, 'receivers' | 'routes'>,
): { receiver: ExistingReceiver; domains: string[]; transports: string[] }[] {
  const out: { receiver: ExistingReceiver; domains: string[]; transports: string[] }[] = [];
  for (const receiver of context.receivers) {
    const hit = { receiver, domains: [] as string[], transports: [] as string[] };
    for (const domain of domains) {
      const transport = routeIn(context.routes, domain);
      if (!transport || !receiver.transports.includes(transport)) continue;
      hit.domains.push(domain);
      if (!hit.transports.includes(transport)) hit.transports.push(transport);
    }
    if (hit.domains.length) out.push(hit);
  }
  return out;
}

/** The warning for domains a receiver already covers, naming what the command will do about it. */
export function coverageWarning(name: string, domains: readonly string[], context: Pick<StrictProviderContext, 'receivers' | 'routes'>): string | undefined {
  const [first] = receiversCovering(domains, context);
  if (!first) return undefined;
  const r = first.receiver;
  return `Receiver "${r.name}" already covers ${first.domains.join(', ')} (through ${first.transports.join(', ')}) with a cap of ${r.maxConnections}: the provider counts one cap per source address, so "${name}" will join that receiver and share its cap, not get a second one.`;
}

/** The transport a domain goes through: its own entry, else a `.parent` entry. */
function routeIn(routes: Record<string, string>, domain: string): string | undefined {
  const d = domain.toLowerCase().replace(/^\./, '');
  if (Object.prototype.hasOwnProperty.call(routes, d)) return routes[d];
  for (let at = d.indexOf('.'); at >= 0; at = d.indexOf('.', at + 1)) {
    const parent = d.slice(at);
    if (Object.prototype.hasOwnProperty.call(routes, parent)) return routes[parent];
  }
  return undefined;
}
