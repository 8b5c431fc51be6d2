/**
 * The core's entry point for checking: runs every enabled rule over one configuration,
 * keeping what a rule's kind allows across versions (rules/types.ts): a line rule's
 * findings per main.cf line (itemCache.ts), a master rule's (and a line rule's master-only
 * rest) per master.cf version. A rule that throws is reported as one internal finding
 * instead of taking the others (or the server) down with it. A file that is not a Postfix
 * configuration, or one with thousands of problems, gets a short list instead of a flood
 * (see flood.ts).
 */
import { StoreKey } from './caches';
import { CheckedFinding, Finding } from './findings';
import { limitFlood } from './flood';
import { mainItemFindings } from './itemCache';
import { Configuration } from './model/configuration';
import { MasterCf } from './syntax/masterCf';
import { RULES } from './rules';
import { LineRule, Rule, RuleContext, checkWhole } from './rules/types';
import { AnalysisSettings, isOff, severityOf } from './settings';

export function analyze(config: Configuration, settings: AnalysisSettings): CheckedFinding[] {
  const ctx: RuleContext = { config, settings };
  const enabled = RULES.filter((rule) => !rule.codes.every((code) => isOff(settings, code)));
  const lineRules = enabled.filter((rule): rule is LineRule => rule.kind === 'line');
  let lineFindings: Map<Rule, Finding[]> | undefined;
  try {
    const lists = mainItemFindings(ctx, lineRules);
    lineFindings = new Map(lineRules.map((rule, i) => [rule, lists[i]]));
  } catch {
    // One of them throws: run each whole, so the one that fails is named below.
    lineFindings = undefined;
  }
  const findings: Finding[] = [];
  for (const rule of enabled) {
    let found: Finding[];
    try {
      found = findingsOf(rule, ctx, lineFindings?.get(rule));
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

/** One rule's findings, reusing what its kind lets be kept. */
function findingsOf(rule: Rule, ctx: RuleContext, lines: Finding[] | undefined): Finding[] {
  switch (rule.kind) {
    case 'master':
      return perMasterVersion(rule, ctx, () => rule.check(ctx));
    case 'configuration':
      return rule.check(ctx);
    case 'line': {
      if (!lines) return checkWhole(rule, ctx);
      const rest = rule.rest;
      if (!rest) return lines;
      return [...lines, ...(rest.reads === 'master' ? perMasterVersion(rule, ctx, () => rest.check(ctx)) : rest.check(ctx))];
    }
  }
}

/** Findings of rules that read only master.cf and the release, kept per master.cf version. */
const MASTER_FINDINGS = new StoreKey('master-only findings per master.cf version',
  () => new WeakMap<MasterCf, Map<Rule, { release: number; findings: Finding[] }>>());

function perMasterVersion(rule: Rule, ctx: RuleContext, run: () => Finding[]): Finding[] {
  const store = ctx.config.caches.store(MASTER_FINDINGS);
  let perRule = store.get(ctx.config.master);
  if (!perRule) store.set(ctx.config.master, (perRule = new Map()));
  const kept = perRule.get(rule);
  if (kept && kept.release === ctx.config.release.index) return kept.findings;
  const findings = run();
  perRule.set(rule, { release: ctx.config.release.index, findings });
  return findings;
}
