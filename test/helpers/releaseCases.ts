/**
 * Configurations that exercise what differs between Postfix releases: names some releases
 * know and others do not (added, removed, backported, documented but never built in),
 * deprecated names, names other defaults refer to, legacy database client attributes and
 * service-defined names. Made from the knowledge base's name lists, in main.cf and as -o;
 * what each release says about them comes from that release's own postconf.
 */
import { LEGACY_DATABASE_TYPES, RELEASES, SERVICE_SUFFIXES, allParamNames, paramFacts } from '../../server/core/kb/knowledgeBase';
import data from '../../server/core/kb/parameters.generated.json';

export interface ReleaseCase {
  name: string;
  main: string;
  master: string;
}

const ALL = 2 ** RELEASES.length - 1;
const kb = data as unknown as { deprecated: Record<string, unknown>; legacyDatabases: Record<string, [number, string[] | null][]> };

/** Names whose status differs between releases, or that no release builds in. */
function releaseSpecificNames(): string[] {
  return allParamNames().filter((n) => paramFacts(n)!.builtin !== ALL).sort();
}

const STOCK_MASTER = 'smtp      inet  n       -       y       -       -       smtpd\n'
  + 'pickup    unix  n       -       y       60      1       pickup\n'
  + 'cleanup   unix  n       -       y       -       0       cleanup\n'
  + 'qmgr      unix  n       -       n       300     1       qmgr\n'
  + 'smtp      unix  -       -       y       -       -       smtp\n'
  + 'relay     unix  -       -       y       -       -       smtp\n';

/** One service line with the names as -o options (postconf checks each service's own names). */
const withOptions = (service: string, names: readonly string[], value = 'x'): string =>
  `${service}\n${names.map((n) => `  -o ${n}=${value}`).join('\n')}\n`;

export function releaseCases(): ReleaseCase[] {
  const specific = releaseSpecificNames();
  const deprecated = Object.keys(kb.deprecated).sort();
  const cases: ReleaseCase[] = [];

  // Every release-specific name set in main.cf and with -o: unused in some releases only.
  cases.push({
    name: 'release-specific names',
    main: specific.map((n) => `${n} = x\n`).join(''),
    master: STOCK_MASTER + withOptions('submission inet n - y - - smtpd', specific),
  });
  // Deprecated names: warned about as going away where known, as removed where not.
  cases.push({
    name: 'deprecated names',
    main: deprecated.map((n) => `${n} = x\n`).join(''),
    master: STOCK_MASTER + withOptions('submission inet n - y - - smtpd', deprecated),
  });
  // The same names referenced by a user-defined name: a reference makes any name "used".
  cases.push({
    name: 'deprecated and removed names referenced by the user',
    main: [...deprecated, ...specific.slice(0, 40)].map((n) => `${n} = x\n`).join('')
      + `my_refs = ${[...deprecated, ...specific.slice(0, 40)].map((n) => `$${n}`).join(' ')}\n`,
    master: STOCK_MASTER,
  });
  // Legacy database clients: every attribute some release accepts, and one none does.
  const attributes = new Set<string>();
  for (const type of LEGACY_DATABASE_TYPES) for (const [, list] of kb.legacyDatabases[type]) for (const a of list ?? []) attributes.add(a);
  const clients = LEGACY_DATABASE_TYPES.map((t) => `${t}:client_${t}`);
  cases.push({
    name: 'legacy database client attributes',
    main: `alias_maps = ${clients.join(', ')}\n`
      + LEGACY_DATABASE_TYPES.flatMap((t) => [...attributes, 'bogus_attribute'].map((a) => `client_${t}_${a} = x\n`)).join(''),
    master: STOCK_MASTER,
  });
  // Service-defined names for every command, and the same suffixes on commands that get none.
  const suffixes = [...new Set([...SERVICE_SUFFIXES.suffixes, ...SERVICE_SUFFIXES.pipeAlso, ...SERVICE_SUFFIXES.spawnOnly])];
  const commands = ['smtp', 'lmtp', 'local', 'virtual', 'pipe', 'error', 'discard', 'spawn', 'smtpd', 'qmgr'];
  cases.push({
    name: 'service-defined names',
    main: commands.flatMap((c) => suffixes.map((s) => `svc_${c}${s} = 1\n`)).join(''),
    master: STOCK_MASTER + commands.map((c) => `svc_${c} unix - - n - - ${c}\n`).join(''),
  });
  return cases;
}
