/** The shape every rule has: a pure function from the configuration to findings. */
import type { Configuration } from '../model/configuration';
import type { Finding } from '../findings';
import type { AnalysisSettings } from '../settings';
import type { MainItem } from '../syntax/mainCf';

export interface RuleContext {
  config: Configuration;
  settings: AnalysisSettings;
}

export interface Rule {
  /** The codes this rule can report (for documentation and for skipping disabled rules). */
  codes: readonly string[];
  check(ctx: RuleContext): Finding[];
  /**
   * For rules whose main.cf findings are each about one line: the findings about one
   * main.cf item. They may depend only on that item, the release, the master.cf tree and
   * what the configuration says about the names the item sets and references (`$name`);
   * anything wider must call noteWideDependency(). Offsets must lie in the item's own line.
   * analyze() keeps them per item across versions (core/itemCache.ts) and runs `rest`
   * for everything else; `check` (built by lineRule) runs both.
   */
  mainItem?(item: MainItem, ctx: RuleContext): Finding[] | undefined;
  rest?(ctx: RuleContext): Finding[];
  /**
   * True when `check` (for a line rule: `rest`) reads only master.cf and the release: its
   * findings are then kept per master.cf version, and an edit of main.cf reuses them.
   */
  masterOnly?: boolean;
}

/** A rule made of per-line main.cf findings and the rest (master.cf, whole-file). */
export function lineRule(rule: { codes: readonly string[]; mainItem: NonNullable<Rule['mainItem']>; rest?: Rule['rest']; masterOnly?: boolean }): Rule {
  return {
    ...rule,
    check(ctx) {
      const out: Finding[] = [];
      for (const item of ctx.config.main.items) {
        const found = rule.mainItem(item, ctx);
        if (found) for (const f of found) out.push(f);
      }
      if (rule.rest) for (const f of rule.rest(ctx)) out.push(f);
      return out;
    },
  };
}
