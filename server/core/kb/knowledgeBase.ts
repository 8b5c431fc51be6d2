/**
 * Parameter knowledge: typed access to the generated fact file (see scripts/gen-kb.mjs)
 * and the choice of the Postfix release the configuration is checked against.
 */
import data from './parameters.generated.json';

export type ParamType = 'str' | 'bool' | 'nbool' | 'int' | 'nint' | 'long' | 'time' | 'raw' | 'str_fn';

export interface ParamFacts {
  name: string;
  type?: ParamType;
  min?: number;
  max?: number;
  readBy?: string[];
  since?: string;
  templated?: boolean;
  readOnly?: boolean;
  /** Bit mask over RELEASES: documented in postconf(5) of that release. */
  documented: number;
  /** Bit mask over RELEASES: postconf of that release knows the name by itself. */
  builtin: number;
  /** [release index, default text] pairs, each in force until the next. */
  defaults?: [number, string][];
}

interface GeneratedKb {
  releases: string[];
  serviceDefinedSuffixes: { commands: string[]; suffixes: string[]; pipeAlso: string[]; spawnOnly: string[] };
  deprecated: Record<string, string | null>;
  referencedByDefault: Record<string, number>;
  params: Record<string, Omit<ParamFacts, 'name'>>;
}

const kb = data as unknown as GeneratedKb;

/** Every release the knowledge base has facts for, oldest first. */
export const RELEASES: readonly string[] = kb.releases;
export const SERVICE_SUFFIXES = kb.serviceDefinedSuffixes;
export const DEPRECATED: Readonly<Record<string, string | null>> = kb.deprecated;
/**
 * DEPRECATED as a Map: the rules ask about every name of a large main.cf, and a Map finds
 * a string by its cached hash where an object property test has to intern it first.
 */
const DEPRECATIONS = new Map<string, string | null>(Object.entries(DEPRECATED));

/** The release checked against when the user sets nothing: the newest stable one. */
export const DEFAULT_RELEASE = [...RELEASES].reverse().find((r) => !r.includes('-')) ?? RELEASES[RELEASES.length - 1];

/** A release of Postfix to check against. */
export interface Release {
  /** Index into RELEASES. */
  index: number;
  /** The release row used, e.g. "3.9.14". */
  name: string;
  /** What the user asked for, e.g. "3.9". */
  requested: string;
  major: number;
  minor: number;
}

/** Built once at load (a few hundred objects); lookups stay one Map.get. */
const FACTS = new Map<string, ParamFacts>(Object.entries(kb.params).map(([name, raw]) => [name, { name, ...raw }]));
const REFERENCED_BY_DEFAULT = new Map<string, number>(Object.entries(kb.referencedByDefault));

/** Facts about a built-in or documented parameter name, if the knowledge base has any. */
export function paramFacts(name: string): ParamFacts | undefined {
  return FACTS.get(name);
}

/** All parameter names in the knowledge base. */
export function allParamNames(): string[] {
  return [...FACTS.keys()];
}

const parseVersion = (v: string): number[] => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : -1));

/**
 * Resolves a version setting ("3.9", "3.7.11", "3.12-dev", "latest") to a release row:
 * an x.y picks the newest row of that series; an x.y.z picks the newest row at or below
 * it in the series; a series newer than the data picks the newest row.
 */
export function resolveRelease(requested: string | undefined): Release {
  const want = (requested ?? '').trim();
  const name = pickRelease(want);
  const index = RELEASES.indexOf(name);
  const [major, minor] = parseVersion(name);
  return { index, name, requested: want || DEFAULT_RELEASE, major, minor };
}

function pickRelease(want: string): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+)|-dev)?$/.exec(want);
  if (!m) return DEFAULT_RELEASE;
  const series = RELEASES.filter((r) => r.startsWith(`${m[1]}.${m[2]}.`) || r === `${m[1]}.${m[2]}-dev`);
  if (!series.length) {
    const asked = [Number(m[1]), Number(m[2])];
    const first = parseVersion(RELEASES[0]);
    const older = asked[0] < first[0] || (asked[0] === first[0] && asked[1] < first[1]);
    return older ? RELEASES[0] : RELEASES[RELEASES.length - 1];
  }
  if (m[3] === undefined) return series[series.length - 1];
  const patch = Number(m[3]);
  const atOrBelow = series.filter((r) => (parseVersion(r)[2] ?? 0) <= patch);
  return atOrBelow.length ? atOrBelow[atOrBelow.length - 1] : series[0];
}

/** True when postconf of `release` knows `name` by itself. */
export function isBuiltin(name: string, release: Release): boolean {
  const facts = paramFacts(name);
  return !!facts && (facts.builtin & (1 << release.index)) !== 0;
}

/** True when some release's postconf knows `name` by itself. */
export function isBuiltinSomewhere(name: string): boolean {
  const facts = paramFacts(name);
  return !!facts && facts.builtin !== 0;
}

/** True when a default value of `release` mentions `$name` (postconf then accepts it). */
export function isReferencedByDefault(name: string, release: Release): boolean {
  return ((REFERENCED_BY_DEFAULT.get(name) ?? 0) & (1 << release.index)) !== 0;
}

/** The default text of `name` in `release`, when known. */
export function defaultText(facts: ParamFacts, release: Release): string | undefined {
  let text: string | undefined;
  for (const [index, value] of facts.defaults ?? []) {
    if (index <= release.index) text = value;
    else break;
  }
  return text;
}

/** Releases whose postconf knows `name`, as a short human list ("3.9.0 .. 3.12-dev"). */
export function builtinReleases(facts: ParamFacts): string {
  const rows = RELEASES.filter((_, i) => facts.builtin & (1 << i));
  if (!rows.length) return '';
  return rows.length === 1 ? rows[0] : `${rows[0]} .. ${rows[rows.length - 1]}`;
}

/** The replacement of a deprecated parameter (null: removed without one). */
export function deprecation(name: string): { replacement: string | null } | undefined {
  const replacement = DEPRECATIONS.get(name);
  return replacement === undefined ? undefined : { replacement };
}

/**
 * True for parameters whose value Postfix does not expand when it reads main.cf (type
 * "raw"): the program expands them later with its own attributes ($EXTENSION, $client,
 * ...), so postconf neither checks their `$` syntax nor counts their references.
 */
export function isRawParameter(name: string): boolean {
  return paramFacts(name)?.type === 'raw';
}
