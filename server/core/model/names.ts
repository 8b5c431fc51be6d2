/**
 * Which parameter names postconf knows, as postconf_user.c and postconf_service.c decide
 * (checked against postconf 3.7.11, see test/parity):
 * - built-in names of the target release;
 * - service-defined names: a master.cf service whose command is exactly smtp, lmtp,
 *   local, virtual, pipe or error gets `<service>_<qmgr suffix>`; pipe and spawn get
 *   `<service>_time_limit`;
 * - user-defined names, set in main.cf or with `-o`, that something references:
 *   a `$name` in a main.cf value makes every definition of the name used; a `$name` in
 *   an `-o` value makes the same service's `-o` definition used, or the main.cf one (and
 *   then every definition); so do default values and smtpd_restriction_classes;
 * - `NAME_attribute` for legacy database clients `ldap:NAME`, `mysql:NAME`, ... .
 */
import { SERVICE_SUFFIXES, isBuiltin, isRawParameter, isReferencedByDefault } from '../kb/knowledgeBase';
import type { CandidateList } from '../kb/suggest';
import { MasterCf, MasterEntry } from '../syntax/masterCf';
import { ownCopy } from '../syntax/logicalLines';
import type { Configuration } from './configuration';
import { LegacyClients, isLegacyClientSetting, legacyClientsIn } from './legacyDatabases';
import { Caches, StoreKey } from '../caches';

export interface ServiceDefined {
  service: MasterEntry;
  suffix: string;
}

export interface NameIndex {
  /** Every `<service>_<suffix>` name from master.cf (built on first use: it is large). */
  readonly serviceDefined: ReadonlyMap<string, ServiceDefined>;
  /** The service and suffix behind a service-defined name, without building the map. */
  serviceDefinedFor(name: string): ServiceDefined | undefined;
  /** Names set in main.cf. */
  mainNames: Pick<ReadonlySet<string>, 'has'> & CandidateList;
  /** Names set with `-o` anywhere in master.cf. */
  optionNames: Set<string>;
  /** True when postconf would not call `name` (set in main.cf) "unused". */
  isKnownInMain(name: string): boolean;
  /** True when postconf would not call `name` (set with -o on `service`) "unused". */
  isKnownInService(name: string, service: MasterEntry): boolean;
  /** True when `$name` in main.cf resolves to something. */
  isDefinedForMain(name: string): boolean;
  /** True when `$name` in an `-o` value of `service` resolves to something. */
  isDefinedForService(name: string, service: MasterEntry): boolean;
  /** Names of parameters known without user help (built-in or service-defined). */
  isSystemName(name: string): boolean;
}

const RESTRICTION_CLASSES = 'smtpd_restriction_classes';
const splitList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);
/** The classes a smtpd_restriction_classes value lists. */
const classesOf = (value: { text: string }): Set<string> => new Set(splitList(value.text));

export function buildNameIndex(config: Configuration): NameIndex {
  const release = config.release;
  const master = masterNames(config.caches, config.master);
  const { lookup: serviceDefinedFor, definer, optionNames, usedInService } = master;

  // Kept per main.cf version and updated from edits (mainIndex.ts): no scan of every entry.
  const main = config.mainIndex;
  const last = main.last;
  const mainNames = { has: (name: string) => last.has(name), forEach: (visit: (name: string) => void) => last.forEach((_, name) => visit(name)) };
  const classes = config.mainEntry(RESTRICTION_CLASSES);
  const classNames = classes ? classesOf(classes.value) : undefined;
  // Names made "used" for every definition (-o definitions of a service: see usedInService):
  // a $name in main.cf, a $name in an -o value when main.cf defines it, a restriction class.
  const usedEverywhere = (name: string): boolean =>
    main.referenced.has(name) || (master.referenced.has(name) && last.has(name)) || !!classNames?.has(name);

  const isSystemName = (name: string): boolean => isBuiltin(name, release) || definer(name) !== undefined;
  const isUserUsed = (name: string): boolean =>
    usedEverywhere(name) || isReferencedByDefault(name, release)
    || isLegacyClientSetting(name, main.legacy, release) || isLegacyClientSetting(name, master.legacy, release);

  return {
    get serviceDefined() {
      return master.all();
    },
    // postconf registers service-defined names after the built-in ones: a built-in name
    // (local_destination_concurrency_limit, smtpd_recipient_limit) is never one of them.
    serviceDefinedFor: (name) => (isBuiltin(name, release) ? undefined : serviceDefinedFor(name)),
    mainNames,
    optionNames,
    isSystemName,
    isKnownInMain: (name) => isSystemName(name) || isUserUsed(name),
    isKnownInService: (name, service) =>
      isSystemName(name) || isUserUsed(name) || !!usedInService.get(service)?.has(name),
    isDefinedForMain: (name) => isSystemName(name) || mainNames.has(name) || optionNames.has(name),
    isDefinedForService: (name, service) =>
      isSystemName(name) || mainNames.has(name) || setsLocally(service, name),
  };
}

/** What master.cf alone says about names: the same for every main.cf it is paired with. */
interface MasterNames {
  lookup: (name: string) => ServiceDefined | undefined;
  /** The service behind a service-defined name (lookup without making its answer). */
  definer: (name: string) => MasterEntry | undefined;
  all: () => Map<string, ServiceDefined>;
  /** Names set with -o anywhere. */
  optionNames: Set<string>;
  /** -o names a $name or smtpd_restriction_classes of the same service makes used. */
  usedInService: Map<MasterEntry, Set<string>>;
  /** Every $name in an -o value. */
  referenced: Set<string>;
  /** Legacy database clients named in -o values (their `NAME_attribute` settings are valid). */
  legacy: LegacyClients;
}

const MASTER_NAMES = new StoreKey('names master.cf defines, per master.cf version', () => new WeakMap<MasterCf, MasterNames>());

/** Built once per master.cf version: an edit of main.cf leaves all of it as it was. */
function masterNames(caches: Caches, master: MasterCf): MasterNames {
  const masterCache = caches.store(MASTER_NAMES);
  const cached = masterCache.get(master);
  if (cached) return cached;
  const { lookup, definer, all: build } = serviceDefinedNames(master.entries);
  let all: Map<string, ServiceDefined> | undefined;
  const optionNames = new Set<string>();
  const usedInService = new Map<MasterEntry, Set<string>>();
  const referenced = new Set<string>();
  const legacy: LegacyClients = new Map();
  for (const entry of master.entries) {
    for (const option of entry.options) {
      optionNames.add(option.name.text);
      legacyClientsIn(option.value.text, legacy);
      if (option.name.text === RESTRICTION_CLASSES) for (const n of splitList(option.value.text)) addTo(usedInService, entry, n);
      if (!option.value.refs.length || isRawParameter(option.name.text)) continue;
      for (const ref of option.value.refs) {
        referenced.add(ref.name);
        if (setsLocally(entry, ref.name)) addTo(usedInService, entry, ref.name);
      }
    }
  }
  const names: MasterNames = { lookup, definer, all: () => (all ??= build()), optionNames, usedInService, referenced, legacy };
  masterCache.set(master, names);
  return names;
}

/** Whether the service sets `name` with its own -o (a scan: a service has a few options, and a Set each would cost 10,000 of them). */
function setsLocally(service: MasterEntry, name: string): boolean {
  for (const option of service.options) if (option.name.text === name) return true;
  return false;
}

function addTo(map: Map<MasterEntry, Set<string>>, service: MasterEntry, name: string): void {
  let set = map.get(service);
  if (!set) map.set(service, (set = new Set()));
  set.add(name);
}

/** The suffixes a service gets from its command (postconf_service.c), or none. */
function suffixesFor(command: string): readonly string[] {
  const { commands, suffixes, pipeAlso, spawnOnly } = SERVICE_SUFFIXES;
  if (commands.includes(command)) return command === 'pipe' ? [...suffixes, ...pipeAlso] : suffixes;
  return command === 'spawn' ? spawnOnly : [];
}

/**
 * Service-defined names without materialising all of them: a lookup strips each known
 * suffix and asks whether the rest names a service whose command gives that suffix.
 */
function serviceDefinedNames(services: readonly MasterEntry[]): {
  lookup: (name: string) => ServiceDefined | undefined;
  definer: (name: string) => MasterEntry | undefined;
  all: () => Map<string, ServiceDefined>;
} {
  // A name can appear on several entries (smtp/inet smtpd and smtp/unix smtp): any
  // entry whose command qualifies contributes its suffixes; the last such entry is named.
  const byName = new Map<string, MasterEntry[]>();
  for (const service of services) {
    if (!suffixesFor(service.commandText).length) continue;
    const list = byName.get(service.serviceText);
    if (list) list.push(service);
    else byName.set(service.serviceText, [service]);
  }
  // Suffixes grouped by their last word ("limit", "delay", ...): most names are rejected
  // by one Map lookup instead of a dozen string comparisons.
  const byLastWord = new Map<string, string[]>();
  for (const suffix of new Set([...SERVICE_SUFFIXES.suffixes, ...SERVICE_SUFFIXES.pipeAlso, ...SERVICE_SUFFIXES.spawnOnly])) {
    const word = suffix.slice(suffix.lastIndexOf('_') + 1);
    byLastWord.set(word, [...(byLastWord.get(word) ?? []), suffix]);
  }
  // Rules ask about the same names again and again (every rule visits every entry); the
  // names that end in a suffix's last word are remembered, the others fail at once.
  // Only the service is kept per name (the suffix is the rest of the name): a large
  // main.cf asks about tens of thousands of service-defined names.
  const answers = new Map<string, MasterEntry | null>();
  // "_limit", "_delay", ...: a name ends in one of a dozen words or fails without a
  // substring being made (this runs for every name of a large main.cf, twice).
  // Two parallel lists and an index loop: no pair to take apart per ending, which costs even
  // before V8 optimises this (the first check after start runs it for every name).
  const endings = [...byLastWord.keys()].map((word) => `_${word}`);
  const endingSuffixes = [...byLastWord.values()];
  const candidatesFor = (name: string): string[] | undefined => {
    for (let i = 0; i < endings.length; i++) if (name.endsWith(endings[i])) return endingSuffixes[i];
    return undefined;
  };
  /** The remembered answer for a name whose ending gives `candidates`. */
  const serviceFor = (name: string, candidates: readonly string[]): MasterEntry | undefined => {
    let service = answers.get(name);
    // The key is copied: a slice of the asking main.cf would keep that version's whole
    // text alive for as long as this master.cf version lives.
    if (service === undefined) answers.set(ownCopy(name), (service = find(name, candidates)?.service ?? null));
    return service ?? undefined;
  };
  const definer = (name: string): MasterEntry | undefined => {
    const candidates = byName.size ? candidatesFor(name) : undefined;
    return candidates && serviceFor(name, candidates);
  };
  const lookup = (name: string): ServiceDefined | undefined => {
    const candidates = byName.size ? candidatesFor(name) : undefined;
    const service = candidates && serviceFor(name, candidates);
    if (!service) return undefined;
    // The suffix as the knowledge base spells it (a slice of `name` would keep its text alive in caches keyed by suffix).
    const suffixLength = name.length - service.serviceText.length;
    const suffix = candidates.find((candidate) => candidate.length === suffixLength && name.endsWith(candidate));
    return { service, suffix: suffix ?? name.slice(service.serviceText.length) };
  };
  const find = (name: string, candidates: readonly string[]): ServiceDefined | undefined => {
    for (const suffix of candidates) {
      if (!name.endsWith(suffix)) continue;
      const list = byName.get(name.slice(0, name.length - suffix.length));
      if (!list) continue;
      for (let i = list.length - 1; i >= 0; i--) {
        if (suffixesFor(list[i].commandText).includes(suffix)) return { service: list[i], suffix };
      }
    }
    return undefined;
  };
  const all = (): Map<string, ServiceDefined> => {
    const map = new Map<string, ServiceDefined>();
    for (const [name, list] of byName) {
      for (const service of list) for (const suffix of suffixesFor(service.commandText)) map.set(name + suffix, { service, suffix });
    }
    return map;
  };
  return { lookup, definer, all };
}
