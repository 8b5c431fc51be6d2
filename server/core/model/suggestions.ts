/**
 * "Did you mean" for a name in this configuration: built-in names of the target release,
 * the configuration's own names, and service-defined names. There can be hundreds of
 * thousands of service-defined names in a generated master.cf, so they are not listed:
 * only the suffixes of a service named at the start of `name`, and the services whose name
 * is close to what precedes a known suffix, are candidates.
 */
import { SERVICE_SUFFIXES, allParamNames, isBuiltin } from '../kb/knowledgeBase';
import { editDistance, suggestNames } from '../kb/suggest';
import type { Configuration } from './configuration';

const SUFFIXES = [...new Set([...SERVICE_SUFFIXES.suffixes, ...SERVICE_SUFFIXES.pipeAlso])];
/**
 * Each configuration gets this many name comparisons for suggestions; beyond it, messages
 * go without a did-you-mean. A 100,000-line main.cf with a hundred broken references would
 * otherwise spend seconds comparing each with every name in the file.
 */
const COMPARISON_BUDGET = 300_000;

const builtinCache = new Map<number, string[]>();

function builtinNames(config: Configuration): string[] {
  let names = builtinCache.get(config.release.index);
  if (!names) builtinCache.set(config.release.index, (names = allParamNames().filter((n) => isBuiltin(n, config.release))));
  return names;
}

const spent = new WeakMap<Configuration, number>();

/**
 * Up to three names close to `name`. `extra` lists more candidates, e.g. the
 * configuration's own names for `$references` (called only when needed). Returns []
 * once the configuration's comparison budget is spent, so a file full of unknown names
 * stays fast.
 */
export function suggestionsFor(config: Configuration, name: string, extra?: () => Iterable<string>): string[] {
  const used = spent.get(config) ?? 0;
  if (used >= COMPARISON_BUDGET) return [];
  const candidates = [...builtinNames(config), ...serviceDefinedCandidates(config, name), ...(extra?.() ?? [])];
  spent.set(config, used + candidates.length);
  return used + candidates.length > COMPARISON_BUDGET ? [] : suggestNames(name, candidates);
}

function serviceDefinedCandidates(config: Configuration, name: string): string[] {
  const services = new Set(config.services.filter((s) => s.role === 'outbound' || s.role === 'delivery' || s.program === 'spawn').map((s) => s.name));
  const out: string[] = [];
  for (const service of services) {
    if (name.startsWith(`${service}_`)) for (const suffix of SUFFIXES) out.push(service + suffix);
  }
  for (const suffix of SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const prefix = name.slice(0, -suffix.length);
    const limit = Math.max(1, Math.floor(prefix.length / 3));
    for (const service of services) if (editDistance(prefix, service, limit) <= limit) out.push(service + suffix);
  }
  return out.filter((candidate) => config.names.serviceDefinedFor(candidate));
}
