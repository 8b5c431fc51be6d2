/**
 * Parameter knowledge: typed access to the fact file generated from each Postfix release
 * (see scripts/gen-kb.mjs), and the choice of the release a configuration is checked
 * against. Facts that change between releases are stored as runs ([first release index,
 * value]) or bit masks over RELEASES; the functions here answer for one release.
 */
import data from './parameters.generated.json';

export type ParamType = 'str' | 'bool' | 'nbool' | 'int' | 'nint' | 'long' | 'time' | 'raw' | 'str_fn';

/** How a program checks a value at start-up: its table's type and bounds (0: not checked). */
export interface ValueCheckFacts {
  type: ParamType;
  min?: number;
  max?: number;
}

/** A value per release: [first release index, value] runs, each in force until the next. */
type Runs<T> = [number, T | null][];

export interface ParamFacts {
  name: string;
  /** Type and bounds in the newest release that reads the name (see checksFor for one release). */
  type?: ParamType;
  min?: number;
  max?: number;
  /** Per release, when type or bounds changed between releases. */
  checks?: Runs<ValueCheckFacts>;
  /** The programs whose configuration tables list the name, in any release ("global": every program). */
  readBy?: string[];
  /** The release its documentation says it appeared in. */
  since?: string;
  /** Set by Postfix itself for each process (process_name, ...). */
  readOnly?: boolean;
  /** The default is computed where Postfix runs (host name, networks, process id). */
  computed?: boolean;
  /** Whoever builds Postfix may choose the default (install paths, a few switches). */
  setAtBuild?: boolean;
  /** Bit mask over RELEASES: documented in postconf(5) of that release. */
  documented: number;
  /** Bit mask over RELEASES: postconf of that release knows the name by itself (`postconf -d`). */
  builtin: number;
  /** The raw default per release. */
  defaults?: Runs<string>;
}

/** What a release's postconf says instead of a deprecated name. */
export interface Deprecation {
  /** The parameter to use instead. */
  replacement?: string;
  /** No replacement: remove the setting, or leave the default in place. */
  advice?: 'remove' | 'leave-default';
  /** Only with OpenSSL of this version or later. */
  openssl?: string;
}

/** What master(8) of a release uses for a master.cf column written "-". */
export interface MasterColumnDefaults {
  private: string;
  unpriv: string;
  /** `then` while compatibility_level is below `below`, `else` from it on. */
  chroot: { below: string; then: string; else: string };
  wakeup: string;
  maxproc: string;
}

interface GeneratedKb {
  releases: string[];
  releaseNotes: string[];
  serviceDefinedSuffixes: { commands: string[]; suffixes: string[]; pipeAlso: string[]; spawnOnly: string[]; templates: Record<string, string> };
  deprecated: Record<string, Runs<Deprecation>>;
  legacyDatabases: Record<string, Runs<string[]>>;
  functions: Runs<string[]>;
  legacyNames: Runs<string[]>;
  stockServices: Runs<string[]>;
  masterColumns: Runs<MasterColumnDefaults>;
  stockCompatibilityLevel: Runs<string>;
  accessActions: Runs<string[]>;
  accessRestrictions: Runs<string[]>;
  compatibilityDependent: Record<string, number>;
  referencedByDefault: Record<string, number>;
  params: Record<string, Omit<ParamFacts, 'name'>>;
}

const kb = data as unknown as GeneratedKb;

/** Every release the knowledge base has facts for, oldest first. */
export const RELEASES: readonly string[] = kb.releases;
/** Why each release is among them ("Debian 12", "newest 3.7 release"), as RELEASES. */
export const RELEASE_NOTES: readonly string[] = kb.releaseNotes;
/** Which master.cf commands give `<service>_<suffix>` names, and each suffix's default. */
export const SERVICE_SUFFIXES = kb.serviceDefinedSuffixes;

/** The value a run list has for one release. */
function atRelease<T>(runs: Runs<T> | undefined, index: number): T | undefined {
  let value: T | null | undefined;
  for (const [from, v] of runs ?? []) {
    if (from <= index) value = v;
    else break;
  }
  return value ?? undefined;
}

/** The release checked against when the user sets nothing: the newest stable one. */
export const DEFAULT_RELEASE = [...RELEASES].reverse().find((r) => !r.includes('-')) ?? RELEASES[RELEASES.length - 1];

/** A release of Postfix to check against. */
export interface Release {
  /** Index into RELEASES. */
  index: number;
  /** The release whose facts are used, e.g. "3.9.14". */
  name: string;
  /** What the user asked for, e.g. "3.9" or "3.9.3". */
  requested: string;
  major: number;
  minor: number;
  /**
   * Set when the request names a release the knowledge base lacks (a patch release in
   * between, a newer release, a vendor build): why `name` stands in for it.
   */
  fallback?: string;
}

/** Built once at load (a few hundred objects); lookups stay one Map.get. */
const FACTS = new Map<string, ParamFacts>(Object.entries(kb.params).map(([name, raw]) => {
  const facts: ParamFacts = { name, ...raw };
  // Flat type and bounds: the newest release's, for readers that need no release.
  const newest = facts.checks && [...facts.checks].reverse().find(([, c]) => c)?.[1];
  if (newest) Object.assign(facts, newest);
  return [name, facts];
}));
const REFERENCED_BY_DEFAULT = new Map<string, number>(Object.entries(kb.referencedByDefault));
const DEPRECATIONS = new Map<string, Runs<Deprecation>>(Object.entries(kb.deprecated));

/** Facts about a built-in or documented parameter name, if the knowledge base has any. */
export function paramFacts(name: string): ParamFacts | undefined {
  return FACTS.get(name);
}

/** All parameter names in the knowledge base. */
export function allParamNames(): string[] {
  return [...FACTS.keys()];
}

/** Sortable key of a release name: 3.12-20260821 sorts after every 3.11.x and by date among snapshots. */
function versionKey(v: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+)|-(\d{8}|dev))?$/.exec(v.trim());
  if (!m) return undefined;
  const patch = m[3] !== undefined ? Number(m[3]) : -1;
  const snapshot = m[4] === undefined ? 0 : m[4] === 'dev' ? 99999999 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), m[4] !== undefined ? -1 : patch, snapshot];
}

const compareKeys = (a: number[], b: number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

const KEYS = RELEASES.map((r) => versionKey(r)!);

/**
 * Resolves a version setting ("3.9", "3.7.11", "3.12", "latest", or what `postconf -h
 * mail_version` printed) to the release whose facts are used: the release itself when it
 * is known; for "x.y", the newest release of that series; otherwise the nearest older
 * release known, or the oldest one for anything older than all of them.
 */
export function resolveRelease(requested: string | undefined): Release {
  const want = (requested ?? '').trim();
  const { name, fallback } = pickRelease(want);
  const index = RELEASES.indexOf(name);
  const [major, minor] = KEYS[index];
  return { index, name, requested: want || DEFAULT_RELEASE, major, minor, fallback };
}

function pickRelease(want: string): { name: string; fallback?: string } {
  if (RELEASES.includes(want)) return { name: want };
  const series = /^(\d+)\.(\d+)(?:-dev)?$/.exec(want);
  if (series) {
    const rows = RELEASES.filter((_, i) => KEYS[i][0] === Number(series[1]) && KEYS[i][1] === Number(series[2]));
    if (rows.length) return { name: rows[rows.length - 1] };
  }
  const key = versionKey(series ? `${series[1]}.${series[2]}.0` : want);
  if (!key) return { name: DEFAULT_RELEASE, fallback: want && want !== 'latest' ? `"${want}" is not a Postfix version: the newest stable release, ${DEFAULT_RELEASE}, is used` : undefined };
  let best = -1;
  KEYS.forEach((k, i) => {
    if (compareKeys(k, key) <= 0 && (best < 0 || compareKeys(k, KEYS[best]) > 0)) best = i;
  });
  if (best < 0) return { name: RELEASES[0], fallback: `Postfix ${want} is older than every release known here: the oldest, ${RELEASES[0]}, is used` };
  return { name: RELEASES[best], fallback: `Postfix ${want} is not among the releases known here: the nearest older one, ${RELEASES[best]}, is used` };
}

/** True when postconf of `release` knows `name` by itself. */
export function isBuiltin(name: string, release: Release): boolean {
  const facts = paramFacts(name);
  return !!facts && (facts.builtin & (2 ** release.index)) !== 0;
}

/** True when some release's postconf knows `name` by itself. */
export function isBuiltinSomewhere(name: string): boolean {
  const facts = paramFacts(name);
  return !!facts && facts.builtin !== 0;
}

/** True when a default value of `release` mentions `$name` (postconf then accepts it). */
export function isReferencedByDefault(name: string, release: Release): boolean {
  return ((REFERENCED_BY_DEFAULT.get(name) ?? 0) & (2 ** release.index)) !== 0;
}

/** True when `name`'s default in `release` follows compatibility_level (directly or through the names it refers to). */
export function dependsOnCompatibilityLevel(name: string, release: Release): boolean {
  return ((kb.compatibilityDependent[name] ?? 0) & (2 ** release.index)) !== 0;
}

/** The default text of `name` in `release`, when known (never for computed defaults). */
export function defaultText(facts: ParamFacts, release: Release): string | undefined {
  return atRelease(facts.defaults, release.index);
}

/**
 * True when the default is not the same everywhere: computed where Postfix runs (host
 * name, networks) or chosen by whoever built it (install paths): `postconf -d` there knows.
 */
export function isMachineDependent(name: string): boolean {
  const facts = paramFacts(name);
  return !!facts && (!!facts.computed || !!facts.setAtBuild);
}

/** The type and bounds `release` checks the name's value with. */
export function checksFor(facts: ParamFacts, release: Release): ValueCheckFacts | undefined {
  if (facts.checks) return atRelease(facts.checks, release.index);
  return facts.type ? { type: facts.type, min: facts.min, max: facts.max } : undefined;
}

/** The default of a service-defined `<service><suffix>` name, e.g. "$default_destination_concurrency_limit". */
export function templateDefault(suffix: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICE_SUFFIXES.templates, suffix) ? SERVICE_SUFFIXES.templates[suffix] : undefined;
}

/** Releases whose postconf knows `name`, as a short human list ("3.9.0 .. 3.12-20260821"). */
export function builtinReleases(facts: ParamFacts): string {
  const rows = RELEASES.filter((_, i) => facts.builtin & (2 ** i));
  if (!rows.length) return '';
  return rows.length === 1 ? rows[0] : `${rows[0]} .. ${rows[rows.length - 1]}`;
}

/** What `release`'s postconf says about a deprecated name, if it warns about it. */
export function deprecation(name: string, release: Release): Deprecation | undefined {
  return atRelease(DEPRECATIONS.get(name), release.index);
}

/** True when some release's postconf warns that `name` is deprecated. */
export function isDeprecatedSomewhere(name: string): boolean {
  return DEPRECATIONS.has(name);
}

/** The `NAME_attribute` attributes `release`'s postconf accepts for a legacy `type:NAME` database client. */
export function legacyDatabaseAttributes(type: string, release: Release): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(kb.legacyDatabases, type) ? atRelease(kb.legacyDatabases[type], release.index) : undefined;
}

/** The functions a value may call as `${name{value}}` in `release` (none before 3.11). */
export function valueFunctions(release: Release): readonly string[] {
  return atRelease(kb.functions, release.index) ?? [];
}

/** The first release whose values may call functions. */
export const FIRST_WITH_FUNCTIONS = RELEASES[kb.functions[0]?.[0] ?? RELEASES.length - 1];

/** The legacy database client types some release knows (ldap, mysql, ...). */
export const LEGACY_DATABASE_TYPES: readonly string[] = Object.keys(kb.legacyDatabases);

/**
 * True for parameters whose value Postfix does not expand when it reads main.cf (type
 * "raw"): the program expands them later with its own attributes ($EXTENSION, $client,
 * ...), so postconf neither checks their `$` syntax nor counts their references.
 */
export function isRawParameter(name: string): boolean {
  return paramFacts(name)?.type === 'raw';
}

/**
 * The legacy names `release`'s postconf registers for backwards compatibility: printed,
 * with an empty default, once main.cf or an -o option sets them (fallback_relay, ...).
 */
export function legacyNames(release: Release): readonly string[] {
  return atRelease(kb.legacyNames, release.index) ?? [];
}

/** A service of a release's own master.cf. */
export interface StockService {
  name: string;
  type: string;
  command: string;
}

/** The services of `release`'s own master.cf (postfix/conf/master.cf), in file order. */
export function stockServices(release: Release): StockService[] {
  return (atRelease(kb.stockServices, release.index) ?? []).map((line) => {
    const [name, type, command] = line.split(' ');
    return { name, type, command };
  });
}

/** What `release`'s master(8) uses for a master.cf column written "-". */
export function masterColumnDefaults(release: Release): MasterColumnDefaults | undefined {
  return atRelease(kb.masterColumns, release.index);
}

/**
 * What an access(5) table's value may start with in `release`, read from its smtpd source:
 * the action words (upper case; smtpd compares them ignoring case) and the restriction
 * names (lower case; built-in restriction classes such as reject_sender_login_mismatch
 * included).
 */
export function accessValueNames(release: Release): { actions: readonly string[]; restrictions: readonly string[] } {
  return { actions: atRelease(kb.accessActions, release.index) ?? [], restrictions: atRelease(kb.accessRestrictions, release.index) ?? [] };
}

/** The compatibility_level `release`'s own main.cf sets: what raising it to that release means. */
export function stockCompatibilityLevel(release: Release): string {
  return atRelease(kb.stockCompatibilityLevel, release.index) ?? '0';
}
