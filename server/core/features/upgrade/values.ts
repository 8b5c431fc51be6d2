/**
 * The parameter values an upgrade changes: every name whose value in effect (as
 * `postconf -x` prints it) differs between the two releases for the same files, or that
 * only one of them prints, and what raising compatibility_level would change on top.
 */
import { paramFacts } from '../../kb/knowledgeBase';
import type { Configuration } from '../../model/configuration';
import { ValueInEffect, sameValue, valuesInEffect } from '../../model/inEffect';
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

/** Every name whose value the upgrade (or then raising compatibility_level) changes, sorted by group and name. */
export function parameterChanges(pair: UpgradePair): ParameterChange[] {
  const before = valuesInEffect(pair.from);
  const after = valuesInEffect(pair.to);
  const raised = pair.raised ? valuesInEffect(pair.raised.config) : undefined;
  const names = new Set([...before.keys(), ...after.keys(), ...(raised?.keys() ?? [])]);
  const changes: ParameterChange[] = [];
  const lineOf = lineFinder(pair.to);
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const c = raised?.get(name);
    const upgraded = !sameValue(a, b);
    const raisedDiffers = raised !== undefined && !sameValue(b, c) && name !== 'compatibility_level';
    if (!upgraded && !raisedDiffers) continue;
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
    changes.push(change);
  }
  const changed = new Set(changes.map((c) => c.name));
  for (const change of changes) explain(change, changed);
  pairRenames(changes);
  return changes.sort((x, y) => groupRank(x.group) - groupRank(y.group) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
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
