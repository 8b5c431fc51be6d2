/**
 * The parameter values an upgrade changes: every name whose value in effect (as
 * `postconf -x` prints it) differs between the two releases for the same files, or that
 * only one of them prints, and what raising compatibility_level would change on top.
 */
import { isReferencedByDefault, legacyNames, paramFacts } from '../../kb/knowledgeBase';
import { mayNameLegacyDatabase } from '../../model/legacyDatabases';
import type { Configuration } from '../../model/configuration';
import { ValueInEffect, builtinNames, dependencyOrder, isComputedName, isPrinted, readsOf, sameValue, valueInEffect, valuesOf } from '../../model/inEffect';
import { UpgradeGroup, groupOf, groupRank } from './groups';
import type { UpgradePair } from './pair';

/** One release's value of a name. */
export interface ValueSide {
  /** Expanded; a value computed on the mail server shows as `$name` (see `computed`). */
  text: string;
  /** main.cf (the entry in effect) or the release's default. */
  from: 'main' | 'default';
  /** The unexpanded text. */
  raw: string;
  /** Names computed on the mail server that the value reads (myhostname, ...). */
  computed: string[];
  /** What those computations read, when anything: "$mynetworks with mynetworks_style = host, ...". */
  inputs?: string[];
  /** The main.cf line (0-based) of the entry in effect, when set there. */
  line?: number;
}

export type ChangeKind = 'changed' | 'added' | 'removed' | 'raise-only';

export interface ParameterChange {
  name: string;
  group: UpgradeGroup;
  /**
   * changed: both releases print it, with different values; added: only the new release
   * prints it; removed: only the old one; raise-only: the same in both until
   * compatibility_level is raised.
   */
  kind: ChangeKind;
  old?: ValueSide;
  new?: ValueSide;
  /** The new release's value once compatibility_level is raised, when that differs from `new`. */
  raised?: ValueSide;
  /** Why the value changes: its own default text, or the values it refers to (`via`). */
  cause: 'name' | 'default' | 'references' | 'compatibility-level';
  /** Referenced names whose change carries over to this one. */
  via?: string[];
  /** A per-transport name (`<service>_<suffix>`) that follows its template's default. */
  serviceDefined?: boolean;
  /** Its entry in postconf(5) (a per-transport name's template), when postconf(5) documents it. */
  docs?: string;
  /** For an added name whose default reads a removed one: the old name (a rename); and the reverse. */
  renamedFrom?: string;
  renamedTo?: string;
}

/**
 * Every name whose value the upgrade (or then raising compatibility_level) changes, sorted
 * by group and name. `perTransport: false` leaves out the per-transport names main.cf does
 * not set (they follow their template's default, which is listed itself).
 */
export function parameterChanges(pair: UpgradePair, options: { perTransport?: boolean } = {}): ParameterChange[] {
  const configs = [pair.from, pair.to, pair.raised?.config];
  const raising = pair.raised !== undefined;
  const printed = (names: ReadonlySet<string>) => configs.map((c) => (c ? valuesOf(c, new Set([...names].filter((n) => isPrinted(c, n)))) : undefined));
  // The names the releases define and main.cf does not set first, then those of main.cf
  // whose value reads one of them that changes (see mainNamesThatMayChange).
  const own = releaseNames(pair);
  const ownValues = printed(own);
  const changes: ParameterChange[] = [];
  const lineOf = lineFinder(pair.to);
  const collect = (names: ReadonlySet<string>, values: (Map<string, ValueInEffect> | undefined)[]): void => {
    for (const name of names) {
      const change = changeOf(pair, name, values.map((v) => v?.get(name)), raising, lineOf);
      if (change) changes.push(change);
    }
  };
  collect(own, ownValues);
  const perTransport = perTransportChanges(pair, raising, lineOf);
  const changedOwn = new Set([...changes, ...perTransport].map((c) => c.name));
  const main = mainNamesThatMayChange(pair, own, changedOwn);
  collect(main, printed(main));
  if (options.perTransport !== false) changes.push(...perTransport);
  const changed = new Set(changes.map((c) => c.name));
  for (const change of changes) explain(change, changed);
  pairRenames(changes);
  return changes.sort((x, y) => groupRank(x.group) - groupRank(y.group) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** The change of one name from its values under the old release, the new one, and raised; none when they are the same. */
function changeOf(pair: UpgradePair, name: string, [a, b, c]: (ValueInEffect | undefined)[], raising: boolean, lineOf: (v: ValueInEffect) => number | undefined): ParameterChange | undefined {
  const upgraded = !sameValue(a, b);
  const raisedDiffers = raising && !sameValue(b, c) && name !== 'compatibility_level';
  if (!upgraded && !raisedDiffers) return undefined;
  const kind: ChangeKind = !upgraded ? 'raise-only' : !a ? 'added' : !b ? 'removed' : 'changed';
  const change: ParameterChange = {
    name, group: groupOf(name), kind,
    ...(a ? { old: side(a, lineOf) } : {}),
    ...(b ? { new: side(b, lineOf) } : {}),
    ...(raisedDiffers && c ? { raised: side(c, lineOf) } : {}),
    cause: 'name',
  };
  const defined = pair.to.names.serviceDefinedFor(name);
  if (defined && !pair.to.mainEntry(name)) change.serviceDefined = true;
  const anchor = defined ? `transport${defined.suffix}` : name;
  if (paramFacts(anchor)?.documented) change.docs = postconfUrl(anchor);
  return change;
}

/**
 * The per-transport names main.cf does not set: each follows its template's default (the
 * same text in every release), so one name per template is expanded and the others share
 * its values: a master.cf of 10,000 transports has 70,000 of them.
 */
function perTransportChanges(pair: UpgradePair, raising: boolean, lineOf: (v: ValueInEffect) => number | undefined): ParameterChange[] {
  const bySuffix = new Map<string, string[]>();
  for (const [name, defined] of pair.to.names.serviceDefined) {
    if (pair.to.mainEntry(name)) continue;
    const list = bySuffix.get(defined.suffix);
    if (list) list.push(name);
    else bySuffix.set(defined.suffix, [name]);
  }
  const out: ParameterChange[] = [];
  for (const names of bySuffix.values()) {
    const values = [pair.from, pair.to, pair.raised?.config].map((c) => c && valueInEffect(c, names[0]));
    const first = changeOf(pair, names[0], values, raising, lineOf);
    if (first) for (const name of names) out.push({ ...first, name });
  }
  return out;
}

/** The names either release builds in or treats as legacy, that main.cf does not set. */
function releaseNames(pair: UpgradePair): Set<string> {
  const { from, to } = pair;
  const names = new Set<string>();
  for (const name of [...builtinNames(from), ...builtinNames(to), ...legacyNames(from.release), ...legacyNames(to.release)]) {
    if (!to.mainEntry(name)) names.add(name);
  }
  return names;
}

/**
 * The names main.cf sets whose value may differ between the releases: one release prints
 * it and the other does not, or its value reads (through any chain) a value that differs.
 * The rest (a chain of 200,000 user-defined names, 100,000 per-transport limits) mean the
 * same to both releases and are not expanded at all. `own` are the releases' own names
 * main.cf does not set, `changed` those of them (and the per-transport ones) that differ.
 */
function mainNamesThatMayChange(pair: UpgradePair, own: ReadonlySet<string>, changed: ReadonlySet<string>): Set<string> {
  const { from, to } = pair;
  const main = to.mainIndex.last;
  const names = new Set<string>();
  const differs = new Map<string, boolean>();
  // Whether a name main.cf sets is printed can differ only for a name the knowledge base
  // knows, one a default refers to, or a legacy database client's setting.
  const legacyClients = hasLegacyClients(to);
  const printedMayDiffer = (n: string): boolean =>
    (!!paramFacts(n) || isReferencedByDefault(n, from.release) || isReferencedByDefault(n, to.release) || (legacyClients && n.includes('_')))
    && isPrinted(from, n) !== isPrinted(to, n);
  // A value computed on the host may read differing values (mynetworks_style): compared whole.
  const unset = (n: string): boolean => changed.has(n) || (!own.has(n) && isComputedName(n));
  for (const name of dependencyOrder(to, [...main.keys()])) {
    if (!main.has(name) && !(name === 'compatibility_level' && pair.raised)) {
      differs.set(name, unset(name));
      continue;
    }
    // compatibility_level differs once raised; a name still on the way (a loop) counts as
    // differing: it is then computed exactly.
    const may = name === 'compatibility_level' || readsOf(to, name).some((ref) => differs.get(ref) ?? true) || printedMayDiffer(name);
    differs.set(name, may);
    if (may) names.add(name);
  }
  return names;
}

/** Whether a main.cf or -o value names a legacy database client (ldap:NAME, ...). */
function hasLegacyClients(config: Configuration): boolean {
  return config.mainIndex.legacy.size > 0 || config.master.entries.some((e) => e.options.some((o) => mayNameLegacyDatabase(o.value.text)));
}

/** Sets `cause` and `via` from what the values read. */
function explain(change: ParameterChange, changed: ReadonlySet<string>): void {
  const { old, new: next } = change;
  if (change.kind === 'added' || change.kind === 'removed') return;
  if (change.kind === 'raise-only') {
    change.cause = 'compatibility-level';
    return;
  }
  if (old && next && old.raw !== next.raw) {
    change.cause = 'default';
    return;
  }
  change.cause = 'references';
  const via = refsOf(next?.raw ?? old?.raw ?? '').filter((n) => changed.has(n));
  if (via.length) change.via = [...new Set(via)];
}

/** An added name whose default reads a removed name is that name renamed (smtp_per_record_deadline -> smtp_per_request_deadline). */
function pairRenames(changes: ParameterChange[]): void {
  const removed = new Map(changes.filter((c) => c.kind === 'removed').map((c) => [c.name, c]));
  for (const change of changes) {
    if (change.kind !== 'added' || change.new?.from !== 'default') continue;
    const old = refsOf(change.new.raw).find((n) => removed.has(n) && !removed.get(n)!.renamedTo);
    if (!old) continue;
    change.renamedFrom = old;
    removed.get(old)!.renamedTo = change.name;
  }
}

/** The names a value refers to, nested ones included (`${a?{$b}}`). */
function refsOf(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/\$(?:[{(]\s*([A-Za-z0-9_]+)|([A-Za-z0-9_]+))/g)) out.push(m[1] ?? m[2]);
  return out;
}

function side(value: ValueInEffect, lineOf: (value: ValueInEffect) => number | undefined): ValueSide {
  const line = lineOf(value);
  return {
    text: normalised(value.text), from: value.from, raw: value.raw, computed: value.computed,
    ...(value.inputs ? { inputs: value.inputs } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

/** White space as postconf prints a value: runs of blanks as one space, none at the ends. */
export function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The main.cf line of a value's entry (raised configurations have their own copy of the text: same lines). */
function lineFinder(to: Configuration): (value: ValueInEffect) => number | undefined {
  const starts: number[] = [];
  const text = to.main.text;
  return (value) => {
    if (!value.entry) return undefined;
    if (!starts.length) {
      starts.push(0);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    const offset = value.entry.name.start;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** A parameter's entry in postconf(5) on postfix.org. */
export function postconfUrl(anchor: string): string {
  return `https://www.postfix.org/postconf.5.html#${anchor}`;
}
