/**
 * What is under the cursor: a main.cf name or value, a master.cf field, an `-o` option's
 * name or value, or a `$name` reference. Every feature asks this instead of scanning
 * text itself, so all of them agree on token boundaries.
 */
import type { Configuration, Reference } from '../model/configuration';
import { lastAtOrBefore } from '../sortedSearch';
import { MainEntry } from '../syntax/mainCf';
import { Arg, FIELD_NAMES, FieldName, MasterOption, MasterEntry } from '../syntax/masterCf';
import { FeatureContext } from './context';
import { DerivedKey } from '../caches';

/** The kinds of things a caret can be on, each with the tree nodes it needs. */
export type Target =
  | { kind: 'main-name'; entry: MainEntry }
  | { kind: 'main-value'; entry: MainEntry }
  | { kind: 'option-name'; service: MasterEntry; option: MasterOption }
  | { kind: 'option-value'; service: MasterEntry; option: MasterOption }
  | { kind: 'field'; service: MasterEntry; field: FieldName; arg: Arg }
  | { kind: 'reference'; ref: Reference };

/** True when offset touches [start, end] (the end counts: a caret just after a word is on it). */
export const touches = (t: { start: number; end: number }, offset: number): boolean => t.start <= offset && offset <= t.end;

/** Each configuration's references by the entry or option whose value holds them, built on first use. */
const BY_OWNER = new DerivedKey<Map<MainEntry | MasterOption, Reference[]>>('references by the value that holds them');

function referencesOf(config: Configuration, owner: MainEntry | MasterOption): readonly Reference[] {
  const index = config.derive(BY_OWNER, () => {
    const map = new Map<MainEntry | MasterOption, Reference[]>();
    for (const ref of config.references) {
      const list = map.get(ref.owner);
      if (list) list.push(ref);
      else map.set(ref.owner, [ref]);
    }
    return map;
  });
  return index.get(owner) ?? [];
}

/** The innermost `$name` reference at `offset` in the request's file. */
export function referenceAt(ctx: FeatureContext, offset: number): Reference | undefined {
  // Only the values on the caret's line can hold it: no request scans every reference.
  const owners = ctx.file.kind === 'main' ? [mainEntryAt(ctx, offset)] : serviceAt(ctx, offset)?.options ?? [];
  let best: Reference | undefined;
  for (const owner of owners) {
    if (!owner) continue;
    for (const ref of referencesOf(ctx.config, owner)) {
      if (!touches(ref, offset)) continue;
      // Prefer a reference that starts at the caret over one that ends there, then the narrower.
      if (!best || (best.end === offset && ref.start === offset) || ref.end - ref.start < best.end - best.start) best = ref;
    }
  }
  return best;
}

/** The main.cf entry whose logical line holds `offset`. */
export function mainEntryAt(ctx: FeatureContext, offset: number): MainEntry | undefined {
  if (ctx.file.kind !== 'main') return undefined;
  return onLineAt(ctx.config.main.entries, offset);
}

/** The master.cf service whose logical line holds `offset`. */
export function serviceAt(ctx: FeatureContext, offset: number): MasterEntry | undefined {
  if (ctx.file.kind !== 'master') return undefined;
  return onLineAt(ctx.config.master.entries, offset);
}

/**
 * Index of the last item (in file order, one logical line each) whose line starts at or
 * before `offset`, or -1: a binary search, so no request scans the whole file.
 */
function lastStartingBy(items: readonly { line: { start: number } }[], offset: number): number {
  const lo = lastAtOrBefore(items, offset, (i) => i.line.start);
  return items.length && items[lo].line.start <= offset ? lo : -1;
}

/** The item (in file order, one logical line each) whose line touches `offset`. */
export function onLineAt<T extends { line: { start: number; end: number } }>(items: readonly T[], offset: number): T | undefined {
  const item = items[lastStartingBy(items, offset)];
  return item && touches(item.line, offset) ? item : undefined;
}

/** The last item (in file order) whose line ends before `offset`. */
export function lastBefore<T extends { line: { start: number; end: number } }>(items: readonly T[], offset: number): T | undefined {
  let i = lastStartingBy(items, offset);
  if (i >= 0 && items[i].line.end >= offset) i--;
  return i >= 0 ? items[i] : undefined;
}

/** What the caret at `offset` of the request's file is on (references first: they sit inside values). */
export function locate(ctx: FeatureContext, offset: number): Target | undefined {
  const ref = referenceAt(ctx, offset);
  if (ref) return { kind: 'reference', ref };
  const entry = mainEntryAt(ctx, offset);
  if (entry) {
    if (touches(entry.name, offset)) return { kind: 'main-name', entry };
    if (offset > entry.equals) return { kind: 'main-value', entry };
    return undefined;
  }
  const service = serviceAt(ctx, offset);
  if (!service) return undefined;
  const fields = service.fields;
  for (const field of FIELD_NAMES) {
    const arg = fields[field];
    if (touches(arg, offset)) return { kind: 'field', service, field, arg };
  }
  for (const option of service.options) {
    if (option.name.text && touches(option.name, offset)) return { kind: 'option-name', service, option };
    if (option.equals !== undefined && offset > option.equals && offset <= Math.max(option.value.end, option.equals + 1)) {
      return { kind: 'option-value', service, option };
    }
  }
  return undefined;
}
