/**
 * The shape of a rule: a pure function from the configuration to findings, of one of
 * three kinds that say what it reads. The kind is what lets analyze() keep findings
 * across versions (see analyze.ts and itemCache.ts), so it is part of the type:
 *
 * - `line`: findings about one main.cf line each (`line`), plus `rest` for master.cf and
 *   anything else. `line` may read the item, the release, master.cf, and what the
 *   configuration says about the names the item sets and references (`$name`); a wider
 *   read says so with ctx.readsWholeConfiguration(). Its offsets lie in the item's own line.
 * - `master`: reads only master.cf and the release (kept per master.cf version).
 * - `configuration`: reads anything (checked on every version).
 */
import type { Configuration } from '../model/configuration';
import type { Finding } from '../findings';
import type { AnalysisSettings } from '../settings';
import type { MainItem } from '../syntax/mainCf';
import type { Code } from '../diagnosticCodes';

export interface RuleContext {
  config: Configuration;
  settings: AnalysisSettings;
}

/** What a line rule's `line` gets: the rule context and a way to say it read more than its line. */
export interface LineContext extends RuleContext {
  /** Marks this line's findings as depending on the whole configuration: they are checked on every version. */
  readsWholeConfiguration(): void;
}

interface RuleBase {
  /** The codes this rule can report (for documentation and for skipping rules switched off). */
  codes: readonly Code[];
}

export interface LineRule extends RuleBase {
  kind: 'line';
  line(item: MainItem, ctx: LineContext): Finding[] | undefined;
  /** Everything else: what it reads decides whether it is kept per master.cf version. */
  rest?: { reads: 'master' | 'configuration'; check(ctx: RuleContext): Finding[] };
}

export interface MasterRule extends RuleBase {
  kind: 'master';
  check(ctx: RuleContext): Finding[];
}

export interface ConfigurationRule extends RuleBase {
  kind: 'configuration';
  check(ctx: RuleContext): Finding[];
}

export type Rule = LineRule | MasterRule | ConfigurationRule;

/** A LineContext for a caller that does not keep line findings (a whole check). */
export function wholeLineContext(ctx: RuleContext): LineContext {
  return { ...ctx, readsWholeConfiguration: () => undefined };
}

/** All of a rule's findings, without keeping anything: every line, then the rest. */
export function checkWhole(rule: Rule, ctx: RuleContext): Finding[] {
  if (rule.kind !== 'line') return rule.check(ctx);
  const out: Finding[] = [];
  const lineCtx = wholeLineContext(ctx);
  for (const item of ctx.config.main.items) {
    const found = rule.line(item, lineCtx);
    if (found) for (const f of found) out.push(f);
  }
  if (rule.rest) for (const f of rule.rest.check(ctx)) out.push(f);
  return out;
}
