/**
 * Per-line main.cf findings kept across versions. A one-line edit in a large
 * main.cf changes what the configuration says about a handful of names: the names the
 * removed and added lines set and reference. Only the lines that set or reference one of
 * those names are checked again (with the lines whose checks read the whole
 * configuration, see LineContext.readsWholeConfiguration); every other line keeps its findings,
 * moved with its line. The rules say which of their findings are per-line (Rule.mainItem).
 *
 * The incremental parser tells what changed (editSince); the kept state moves from the
 * previous version to the new one. Anything it cannot follow (another master.cf tree,
 * release or rule set, a line naming a legacy database client or restriction classes,
 * whose effect reaches other names) starts over from scratch.
 */
import { StoreKey } from './caches';
import { Finding } from './findings';
import { mayNameLegacyDatabase } from './model/legacyDatabases';
import { LineContext, LineRule, RuleContext } from './rules/types';
import { TreeVersion, editSince, versionOf } from './syntax/incremental';
import { MainItem } from './syntax/mainCf';
import { MasterCf } from './syntax/masterCf';

interface Kept {
  findings: { rule: number; finding: Finding }[];
  /** The line's start when the findings were made (lines move with edits above them). */
  base: number;
  /** Checked again on every version: a rule read more than the line (LineContext.readsWholeConfiguration). */
  wide: boolean;
}

interface State {
  master: MasterCf;
  release: number;
  rules: readonly LineRule[];
  /** Lines with findings or a wide dependency; other lines have nothing to keep. */
  results: Map<MainItem, Kept>;
}

/** Per version of the main.cf tree (see versionOf): moved to the next version after an edit. */
const STATES = new StoreKey('line findings per main.cf version', () => new WeakMap<TreeVersion, State>());

/** The per-line main.cf findings of the line rules, one list per rule in line order. */
export function mainItemFindings(ctx: RuleContext, rules: readonly LineRule[]): Finding[][] {
  const states = ctx.config.caches.store(STATES);
  const version = versionOf(ctx.config.main);
  let state = states.get(version);
  if (!state || !fits(state, ctx, rules)) {
    const edit = editSince(ctx.config.main, (v) => states.has(v));
    const previous = edit && states.get(edit.from);
    // The previous state is moved, not copied: its version's items moved on anyway.
    if (edit) states.delete(edit.from);
    state = previous && edit && fits(previous, ctx, rules) && advance(previous, edit, ctx) ? previous : start(ctx, rules);
    states.set(version, state);
  }
  return collect(state);
}

function fits(state: State, ctx: RuleContext, rules: readonly LineRule[]): boolean {
  return state.master === ctx.config.master && state.release === ctx.config.release.index
    && state.rules.length === rules.length && state.rules.every((r, i) => r === rules[i]);
}

function start(ctx: RuleContext, rules: readonly LineRule[]): State {
  const state: State = { master: ctx.config.master, release: ctx.config.release.index, rules, results: new Map() };
  const checker = new LineChecker(ctx.config, ctx.settings);
  for (const item of ctx.config.main.items) check(state, item, checker);
  return state;
}

/** Moves `state` to the edited tree; false when the edit reaches further than its names. */
function advance(state: State, edit: { from: TreeVersion; removed: ReadonlySet<unknown>; added: readonly unknown[] }, ctx: RuleContext): boolean {
  const removed = edit.removed as ReadonlySet<MainItem>;
  const added = edit.added as readonly MainItem[];
  for (const item of [...removed, ...added]) if (reachesFurther(item)) return false;
  // The names whose meaning changed (a reference more to a name already referenced changes
  // nothing): known when the index moved from the same version; else every name touched.
  const meaningChanged = ctx.config.mainIndex.changedSince(edit.from);
  const changed = new Set<string>();
  for (const item of removed) {
    state.results.delete(item);
    for (const name of namesOf(item)) changed.add(name);
  }
  for (const item of added) for (const name of namesOf(item)) changed.add(name);
  // The lines that set or reference those names now (raw parameters' references do not
  // count: no per-line check reads them).
  const index = ctx.config.mainIndex;
  const again = new Set<MainItem>(added);
  for (const name of meaningChanged ?? changed) {
    for (const item of index.entriesNamed(name)) again.add(item);
    for (const item of index.entriesReferencing(name)) again.add(item);
  }
  for (const [item, kept] of state.results) if (kept.wide) again.add(item);
  const checker = new LineChecker(ctx.config, ctx.settings);
  for (const item of again) check(state, item, checker);
  return true;
}

/** A line whose meaning reaches names it neither sets nor references. */
function reachesFurther(item: MainItem): boolean {
  return item.kind === 'entry' && (item.name.text === 'smtpd_restriction_classes' || mayNameLegacyDatabase(item.value.text));
}

/** The LineContext of one pass over lines: reused from line to line (a large file is one pass). */
class LineChecker implements LineContext {
  wide = false;

  constructor(readonly config: RuleContext['config'], readonly settings: RuleContext['settings']) {}

  readsWholeConfiguration(): void {
    this.wide = true;
  }
}

function check(state: State, item: MainItem, checker: LineChecker): void {
  checker.wide = false;
  let findings: Kept['findings'] | undefined;
  const rules = state.rules;
  for (let i = 0; i < rules.length; i++) {
    const found = rules[i].line(item, checker);
    if (found) for (const finding of found) (findings ??= []).push({ rule: i, finding });
  }
  const wide = checker.wide;
  if (findings || wide) state.results.set(item, { findings: findings ?? [], base: item.line.start, wide });
  else if (state.results.size) state.results.delete(item);
}

function collect(state: State): Finding[][] {
  const out: Finding[][] = state.rules.map(() => []);
  const lines = [...state.results].filter(([, kept]) => kept.findings.length).sort((a, b) => a[0].line.start - b[0].line.start);
  for (const [item, kept] of lines) {
    const by = item.line.start - kept.base;
    if (by !== 0) {
      kept.findings = kept.findings.map(({ rule, finding }) => ({ rule, finding: shift(finding, by) }));
      kept.base = item.line.start;
    }
    for (const { rule, finding } of kept.findings) out[rule].push(finding);
  }
  return out;
}

function shift(f: Finding, by: number): Finding {
  const moved: Finding = { ...f, start: f.start + by, end: f.end + by };
  if (f.related) moved.related = f.related.map((r) => (r.file === f.file ? { ...r, start: r.start + by, end: r.end + by } : r));
  return moved;
}

/** The names a line sets and references: what its per-line findings may depend on. */
function namesOf(item: MainItem): string[] {
  if (item.kind !== 'entry') return [];
  const refs = item.value.refs;
  return refs.length ? [...new Set([item.name.text, ...refs.map((r) => r.name)])] : [item.name.text];
}
