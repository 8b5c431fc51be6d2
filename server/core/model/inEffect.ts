/**
 * Every parameter value in effect for a configuration, as `postconf -c DIR -x` prints them:
 * each name postconf knows (built in, defined by a master.cf service, or set in main.cf and
 * used), its main.cf value or the release's default, expanded the way that release expands
 * it. Values Postfix computes where it runs (host name, domain, networks, process) are not
 * known here: they stay marked, so two releases' values can still be compared.
 */
import { allParamNames, checksFor, isBuiltin, legacyNames, paramFacts } from '../kb/knowledgeBase';
import type { MainEntry } from '../syntax/mainCf';
import type { Configuration } from './configuration';
import { defaultOf } from './effective';
import { ExpansionCache, expand } from './expand';
import { DerivedKey } from '../caches';

/**
 * A piece of a value: literal text, or a value computed on the server (`$myhostname`), with
 * the values in effect the computation reads ("mynetworks_style = host"), if any.
 */
export type ValuePart = string | { computed: string; inputs?: string };

export interface ValueInEffect {
  name: string;
  /** The expanded value; a computed name shows as `$name`. */
  text: string;
  /** The same, with the computed names apart (for comparing with a real postconf). */
  parts: ValuePart[];
  /** Where the value comes from: main.cf (the entry in effect) or the release's default. */
  from: 'main' | 'default';
  entry?: MainEntry;
  /** The unexpanded text: main.cf's value or the default. */
  raw: string;
  /** Names computed on the server that the value reads. */
  computed: string[];
  /** What those computations read, e.g. "$mynetworks with mynetworks_style = host, ...". */
  inputs?: string[];
  /** Set when the expansion fails (postconf then prints the value unexpanded). */
  error?: string;
}

/**
 * Names Postfix computes where it runs (`computed`: host name, domain, networks, process
 * id) or takes from where main.cf is (config_directory: `postconf -c DIR`): there is no
 * value to know here. (process_name and service_name, which each daemon gets from
 * master(8), have the defaults postconf prints.)
 */
export function isComputedName(name: string): boolean {
  const facts = paramFacts(name);
  return !!facts && (!!facts.computed || name === 'config_directory');
}

/**
 * What a computed default reads (mail_params.c): the networks from the interfaces and
 * protocols in use and mynetworks_style; the domain from the host name.
 */
const COMPUTED_FROM: Record<string, readonly string[]> = {
  mynetworks: ['mynetworks_style', 'inet_interfaces', 'inet_protocols'],
  mydomain: ['myhostname'],
};

/** Separate a computed name (and what it reads) inside an expanded text; never part of a real value. */
const MARK = '\u0000';
const INPUTS = '\u0001';

const IN_EFFECT = new DerivedKey<Map<string, ValueInEffect>>('values in effect');
/** Each name expanded once per configuration, with `lookup` (see ExpansionCache). */
const EXPANDED = new DerivedKey<ExpansionCache>('names expanded for values in effect');

/** Derived from the knowledge base, constant while the process runs (see caches.ts). */
const BUILTIN_NAMES = new Map<number, string[]>();

/** The names `release`'s postconf knows by itself, sorted (kept per release: constant). */
export function builtinNames(config: Configuration): readonly string[] {
  let names = BUILTIN_NAMES.get(config.release.index);
  if (!names) {
    names = [];
    for (const name of allParamNames()) if (isBuiltin(name, config.release)) names.push(name);
    BUILTIN_NAMES.set(config.release.index, names);
  }
  return names;
}

/** Every name postconf prints for this configuration with its value in effect, by name. */
export function valuesInEffect(config: Configuration): ReadonlyMap<string, ValueInEffect> {
  return config.derive(IN_EFFECT, () => {
    const names = new Set<string>(builtinNames(config));
    for (const name of config.names.serviceDefined.keys()) names.add(name);
    config.mainIndex.last.forEach((_, name) => {
      if (isPrinted(config, name)) names.add(name);
    });
    for (const name of legacyNames(config.release)) if (isPrinted(config, name)) names.add(name);
    return valuesOf(config, names);
  });
}

/**
 * Whether postconf prints `name` for this configuration: built in, defined by a master.cf
 * service, set in main.cf and used, or a legacy name that main.cf or an -o option sets.
 */
export function isPrinted(config: Configuration, name: string): boolean {
  if (isBuiltin(name, config.release) || config.names.serviceDefinedFor(name)) return true;
  if (legacyNames(config.release).includes(name)) return config.mainIndex.last.has(name) || config.names.optionNames.has(name);
  return config.mainIndex.last.has(name) && config.names.isKnownInMain(name);
}

/** The values in effect of `names` (those that have one), sorted by name. */
export function valuesOf(config: Configuration, names: ReadonlySet<string>): Map<string, ValueInEffect> {
  // main.cf's names that a value reads first: each is then expanded once, however long
  // the chains main.cf makes (those of the defaults are short).
  const values = new Map<string, ValueInEffect>();
  const set = [...names].filter((n) => config.mainEntry(n));
  for (const name of [...dependencyOrder(config, set), ...names]) {
    if (!names.has(name) || values.has(name)) continue;
    const value = valueInEffect(config, name);
    if (value) values.set(name, value);
  }
  return new Map([...values.keys()].sort().map((name) => [name, values.get(name)!]));
}

/**
 * The names, each after the names its value may read (depth-first, without recursion: a
 * main.cf can chain 200,000 names). A loop is cut anywhere; the expander reports it.
 */
export function dependencyOrder(config: Configuration, roots: readonly string[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: { name: string; refs: string[]; next: number }[] = [{ name: root, refs: readsOf(config, root), next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.next < top.refs.length) {
        const ref = top.refs[top.next++];
        if (!seen.has(ref)) {
          seen.add(ref);
          stack.push({ name: ref, refs: readsOf(config, ref), next: 0 });
        }
      } else {
        stack.pop();
        order.push(top.name);
      }
    }
  }
  return order;
}

/** The names a name's raw value refers to (main.cf's, or the default's). */
export function readsOf(config: Configuration, name: string): string[] {
  const entry = config.mainEntry(name);
  if (entry) return entry.value.refs.map((r) => r.name);
  const text = defaultOf(config, name);
  if (!text || !text.includes('$')) return [];
  return [...text.matchAll(/\$(?:[{(]\s*([A-Za-z0-9_]+)|([A-Za-z0-9_]+))/g)].map((m) => m[1] ?? m[2]);
}

/** The value in effect of one name (as valuesInEffect has it), or undefined when nothing defines it. */
export function valueInEffect(config: Configuration, name: string): ValueInEffect | undefined {
  const entry = config.mainEntry(name);
  if (!entry && isComputedName(name) && isBuiltin(name, config.release)) return computedValue(config, name);
  const raw = entry ? entry.value.text : defaultOf(config, name) ?? legacyDefault(config, name);
  if (raw === undefined) return undefined;
  return expanded(config, name, raw, entry);
}

/** A computed default: `$name`, and what its computation reads. */
function computedValue(config: Configuration, name: string): ValueInEffect {
  const raw = `$${name}`;
  const parts = splitParts(markOf(config, name, false));
  return { name, text: raw, parts, from: 'default', raw, computed: [name], ...inputsOf(parts) };
}

/** `raw` (main.cf's text or the default of `name`), expanded as postconf -x does. */
function expanded(config: Configuration, name: string, raw: string, entry?: MainEntry): ValueInEffect {
  const from = entry ? 'main' : 'default';
  if (isRaw(config, name)) return { name, text: raw, parts: [raw], from, entry, raw, computed: [] };
  // A default looked at apart from main.cf's own setting of the name (defaultInEffect)
  // reads the default for the name itself: it cannot share the kept expansions.
  const apart = !entry && !!config.mainEntry(name);
  const result = apart
    ? expand(raw, (ref) => (ref === name ? defaultOf(config, ref) : lookup(config, ref)))
    : expand(raw, (ref) => lookup(config, ref), config.derive(EXPANDED, () => new Map()));
  // postconf prints a value it cannot expand as it is, after a warning.
  if (result.error) return { name, text: raw, parts: [raw], from, entry, raw, computed: [], error: result.error };
  const parts = splitParts(result.value);
  const computed = [...new Set(parts.flatMap((p) => (typeof p === 'string' ? [] : [p.computed])))];
  return { name, text: textOf(parts), parts, from, entry, raw, computed, ...inputsOf(parts) };
}

/**
 * The mark for a computed name, with the values in effect its computation reads. Marks
 * handed to the expander (`expanded`) have their `$` doubled, so they come out as they went in.
 */
function markOf(config: Configuration, name: string, expanded = true): string {
  const inputs = (COMPUTED_FROM[name] ?? []).map((n) => `${n} = ${valueInEffect(config, n)?.text.replace(/\s+/g, ' ').trim() ?? ''}`).join(', ');
  const text = expanded ? inputs.replace(/\$/g, '$$$$') : inputs;
  return `${MARK}${name}${inputs ? `${INPUTS}${text}` : ''}${MARK}`;
}

function inputsOf(parts: readonly ValuePart[]): { inputs?: string[] } {
  const inputs = parts.flatMap((p) => (typeof p !== 'string' && p.inputs ? [`$${p.computed} with ${p.inputs}`] : []));
  return inputs.length ? { inputs: [...new Set(inputs)] } : {};
}

/**
 * The value `name` would have if main.cf did not set it: the release's default, expanded
 * with the rest of main.cf as it is. Undefined for names without a default.
 */
export function defaultInEffect(config: Configuration, name: string): ValueInEffect | undefined {
  if (isComputedName(name) && isBuiltin(name, config.release)) return computedValue(config, name);
  const raw = defaultOf(config, name) ?? legacyDefault(config, name);
  return raw === undefined ? undefined : expanded(config, name, raw);
}

/** A name's raw text for expansion: main.cf, the default, or a mark for a computed name. */
function lookup(config: Configuration, name: string): string | undefined {
  const entry = config.mainEntry(name);
  if (entry) return entry.value.text;
  if (isComputedName(name) && isBuiltin(name, config.release)) return markOf(config, name);
  return defaultOf(config, name);
}

/** A legacy name's default: empty (postconf_builtin.c). */
function legacyDefault(config: Configuration, name: string): string | undefined {
  return legacyNames(config.release).includes(name) ? '' : undefined;
}

function isRaw(config: Configuration, name: string): boolean {
  const facts = paramFacts(name);
  return !!facts && isBuiltin(name, config.release) && checksFor(facts, config.release)?.type === 'raw';
}

function splitParts(value: string): ValuePart[] {
  if (!value.includes(MARK)) return [value];
  const pieces = value.split(MARK);
  const parts: ValuePart[] = [];
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece) parts.push(piece);
      return;
    }
    const [computed, inputs] = piece.split(INPUTS);
    parts.push(inputs === undefined ? { computed } : { computed, inputs });
  });
  return parts;
}

/** The text of parts: computed names as `$name`. */
export function textOf(parts: readonly ValuePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : `$${p.computed}`)).join('');
}

/**
 * True when postconf would print the same value for both: the same text, white space
 * aside (postconf prints runs of blanks as one), with the same computed names in the
 * same places.
 */
export function sameValue(a: ValueInEffect | undefined, b: ValueInEffect | undefined): boolean {
  if (!a || !b) return a === b;
  const key = (v: ValueInEffect): string =>
    v.parts.map((p) => (typeof p === 'string' ? p : `${MARK}${p.computed}${INPUTS}${p.inputs ?? ''}${MARK}`)).join('').replace(/\s+/g, ' ').trim();
  return key(a) === key(b);
}
