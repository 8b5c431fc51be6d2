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
