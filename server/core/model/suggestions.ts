/**
 * "Did you mean" for a name in this configuration: built-in names of the target release,
 * service-defined names and, for `$references`, the configuration's own names. Matching
 * goes through kb/suggest.ts's Suggester (memoised, with a work budget per
 * configuration), so a file full of unknown names stays fast.
 *
 * There can be hundreds of thousands of service-defined names in a generated master.cf,
 * so they are never listed: only the suffixes of a service named at the start of `name`,
 * and the services whose name is close to what precedes a known suffix, are candidates.
 */
import { SERVICE_SUFFIXES, allParamNames, isBuiltin } from '../kb/knowledgeBase';
import { CandidateIndex, Suggester, editDistance, indexCandidates, suggestNames } from '../kb/suggest';
import type { Configuration } from './configuration';
import { DerivedKey, StoreKey } from '../caches';

const SUFFIXES = [...new Set([...SERVICE_SUFFIXES.suffixes, ...SERVICE_SUFFIXES.pipeAlso])];
/** Service-name comparisons allowed per configuration (a 10,000-transport master.cf costs 10,000 per name). */
const SERVICE_BUDGET = 2_000_000;

interface State {
  builtin: Suggester;
  own?: Suggester;
  services: Set<string>;
  serviceWork: number;
}

const STATE = new DerivedKey<State>('did-you-mean state');
/**
 * The built-in names of each release, indexed once: every keystroke makes a new
 * Configuration. Data derived from the knowledge base, which never changes while the
 * process runs: the one kind of state kept per module (see docs/ARCHITECTURE.md).
 */
const builtinIndexes = new Map<number, CandidateIndex>();
/** The services that define names, per master.cf version (an edit of main.cf keeps it). */
const DEFINING_SERVICES = new StoreKey('services that define names, per master.cf version', () => new WeakMap<Configuration['master'], Set<string>>());

function stateOf(config: Configuration): State {
  return config.derive(STATE, () => {
    let index = builtinIndexes.get(config.release.index);
    if (!index) builtinIndexes.set(config.release.index, (index = indexCandidates(allParamNames().filter((n) => isBuiltin(n, config.release)))));
    const builtin = new Suggester(index);
    const definingServices = config.caches.store(DEFINING_SERVICES);
    let services = definingServices.get(config.master);
    if (!services) {
      services = new Set(config.services.filter((s) => s.role === 'outbound' || s.role === 'delivery' || s.program === 'spawn').map((s) => s.name));
      definingServices.set(config.master, services);
    }
    return { builtin, services, serviceWork: 0 };
  });
}

/** Up to three names close to `name`; `ownNames` adds the names the configuration sets. */
export function suggestionsFor(config: Configuration, name: string, { ownNames = false } = {}): string[] {
  const state = stateOf(config);
  const pool = [...state.builtin.suggest(name), ...serviceDefinedCandidates(config, state, name)];
  if (ownNames) {
    state.own ??= new Suggester({ lists: [config.names.mainNames, config.names.optionNames] });
    pool.push(...state.own.suggest(name));
  }
  return pool.length ? suggestNames(name, pool) : [];
}

function serviceDefinedCandidates(config: Configuration, state: State, name: string): string[] {
  const out: string[] = [];
  for (const service of state.services) {
    if (name.startsWith(service) && name.charCodeAt(service.length) === UNDERSCORE) for (const suffix of SUFFIXES) out.push(service + suffix);
  }
  for (const suffix of SUFFIXES) {
    if (!name.endsWith(suffix) || state.serviceWork > SERVICE_BUDGET) continue;
    state.serviceWork += state.services.size;
    const prefix = name.slice(0, -suffix.length);
    const limit = Math.max(1, Math.floor(prefix.length / 3));
    for (const service of state.services) if (editDistance(prefix, service, limit) <= limit) out.push(service + suffix);
  }
  return out.filter((candidate) => config.names.serviceDefinedFor(candidate));
}

const UNDERSCORE = 95;
