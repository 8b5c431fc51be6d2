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
import { SERVICE_SUFFIXES, isBuiltin, isReferencedByDefault } from '../kb/knowledgeBase';
import { MasterService } from '../syntax/masterCf';
import type { Configuration } from './configuration';
import { legacyDatabaseNames } from './legacyDatabases';

export interface ServiceDefined {
  service: MasterService;
  suffix: string;
}

export interface NameIndex {
  /** `<service>_<suffix>` names from master.cf, last service entry wins. */
  serviceDefined: Map<string, ServiceDefined>;
  /** Names set in main.cf. */
  mainNames: Set<string>;
  /** Names set with `-o` anywhere in master.cf. */
  optionNames: Set<string>;
  /** True when postconf would not call `name` (set in main.cf) "unused". */
  isKnownInMain(name: string): boolean;
  /** True when postconf would not call `name` (set with -o on `service`) "unused". */
  isKnownInService(name: string, service: MasterService): boolean;
  /** True when `$name` in main.cf resolves to something. */
  isDefinedForMain(name: string): boolean;
  /** True when `$name` in an `-o` value of `service` resolves to something. */
  isDefinedForService(name: string, service: MasterService): boolean;
  /** Names of parameters known without user help (built-in or service-defined). */
  isSystemName(name: string): boolean;
}

const RESTRICTION_CLASSES = 'smtpd_restriction_classes';
const splitList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

export function buildNameIndex(config: Configuration): NameIndex {
  const release = config.release;
  const serviceDefined = new Map<string, ServiceDefined>();
  const { commands, suffixes, pipeAlso, spawnOnly } = SERVICE_SUFFIXES;
  for (const service of config.master.services) {
    const command = service.fields.command.text;
    const name = service.fields.service.text;
    const own = commands.includes(command) ? [...suffixes, ...(command === 'pipe' ? pipeAlso : [])] : command === 'spawn' ? spawnOnly : [];
    for (const suffix of own) serviceDefined.set(name + suffix, { service, suffix });
  }

  const mainNames = new Set(config.main.entries.map((e) => e.name.text));
  const optionNames = new Set<string>();
  const localNames = new Map<MasterService, Set<string>>();
  for (const service of config.master.services) {
    const names = new Set(service.options.map((o) => o.name.text));
    localNames.set(service, names);
    for (const n of names) optionNames.add(n);
  }

  // Names made "used" for every definition, and per service for -o definitions.
  const usedEverywhere = new Set<string>();
  const usedInService = new Map<MasterService, Set<string>>();
  for (const ref of config.references) {
    if (ref.file === 'main') usedEverywhere.add(ref.name);
    else if (ref.service) {
      const local = localNames.get(ref.service);
      if (local?.has(ref.name)) addTo(usedInService, ref.service, ref.name);
      if (mainNames.has(ref.name)) usedEverywhere.add(ref.name);
    }
  }
  const classes = config.mainEntry(RESTRICTION_CLASSES);
  if (classes) for (const n of splitList(classes.value.text)) usedEverywhere.add(n);
  for (const service of config.master.services) {
    for (const option of service.options) {
      if (option.name.text === RESTRICTION_CLASSES) {
        for (const n of splitList(option.value.text)) addTo(usedInService, service, n);
      }
    }
  }
  const legacy = legacyDatabaseNames(config);

  const isSystemName = (name: string): boolean => isBuiltin(name, release) || serviceDefined.has(name);
  const isUserUsed = (name: string): boolean =>
    usedEverywhere.has(name) || isReferencedByDefault(name, release) || legacy.has(name);

  return {
    serviceDefined,
    mainNames,
    optionNames,
    isSystemName,
    isKnownInMain: (name) => isSystemName(name) || isUserUsed(name),
    isKnownInService: (name, service) =>
      isSystemName(name) || isUserUsed(name) || !!usedInService.get(service)?.has(name),
    isDefinedForMain: (name) => isSystemName(name) || mainNames.has(name) || optionNames.has(name),
    isDefinedForService: (name, service) =>
      isSystemName(name) || mainNames.has(name) || !!localNames.get(service)?.has(name),
  };
}

function addTo(map: Map<MasterService, Set<string>>, service: MasterService, name: string): void {
  let set = map.get(service);
  if (!set) map.set(service, (set = new Set()));
  set.add(name);
}
