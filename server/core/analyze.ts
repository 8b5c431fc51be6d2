/**
 * The core's entry point for checking: runs every enabled rule over one configuration.
 * A rule that throws is reported as one internal finding instead of taking the others
 * (or the server) down with it. A file that is not a Postfix configuration, or one with
 * thousands of problems, gets a short list instead of a flood (see flood.ts). Per-line
 * main.cf findings are kept across versions (see itemCache.ts).
 */
import { CheckedFinding, Finding } from './findings';
import { limitFlood } from './flood';
import { mainItemFindings } from './itemCache';
import { Configuration } from './model/configuration';
import { MasterCf } from './syntax/masterCf';
import { RULES } from './rules';
import { Rule, RuleContext } from './rules/types';
import { AnalysisSettings, isOff, severityOf } from './settings';

export function analyze(config: Configuration, settings: AnalysisSettings): CheckedFinding[] {
  const ctx: RuleContext = { config, settings };
  const enabled = RULES.filter((rule) => !rule.codes.every((code) => isOff(settings, code)));
  const perLine = enabled.filter((rule) => rule.mainItem);
  let lineFindings: Map<Rule, Finding[]> | undefined;
  try {
    const lists = mainItemFindings(ctx, perLine);
    lineFindings = new Map(perLine.map((rule, i) => [rule, lists[i]]));
  } catch {
    // One of them throws: run each whole, so the one that fails is named below.
    lineFindings = undefined;
  }
  const findings: Finding[] = [];
  for (const rule of enabled) {
    let found: Finding[];
    try {
      const lines = lineFindings?.get(rule);
      found = lines ? [...lines, ...(rule.rest ? masterOnly(rule, ctx, rule.rest) : [])] : masterOnly(rule, ctx, rule.check);
    } catch (e) {
      found = [{
        code: 'internal-error', severity: 'information', file: 'main', start: 0, end: 0,
        message: `postfix-lsp: the ${rule.codes.join('/')} check failed (${(e as Error).message}); please report this.`,
      }];
    }
    for (const f of found) if (!isOff(settings, f.code)) findings.push(f);
  }
  // The severity is settled once, here: the user's level, else the finding's, else its code's.
  return limitFlood(findings).filter((f) => !isOff(settings, f.code)).map((f) => ({ ...f, severity: severityOf(settings, f) }));
}

const masterResults = new WeakMap<MasterCf, Map<Rule, { release: number; findings: Finding[] }>>();

/** Runs `run`, or reuses its findings for this master.cf version when the rule reads nothing else. */
function masterOnly(rule: Rule, ctx: RuleContext, run: (ctx: RuleContext) => Finding[]): Finding[] {
  if (!rule.masterOnly) return run.call(rule, ctx);
  let perRule = masterResults.get(ctx.config.master);
  if (!perRule) masterResults.set(ctx.config.master, (perRule = new Map()));
  const kept = perRule.get(rule);
  if (kept && kept.release === ctx.config.release.index) return kept.findings;
  const findings = run.call(rule, ctx);
  perRule.set(rule, { release: ctx.config.release.index, findings });
  return findings;
}
