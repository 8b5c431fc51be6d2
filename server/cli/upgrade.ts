/**
 * postfix-lint --upgrade-from: the upgrade review of each configuration given, as text,
 * JSON or SARIF, and an exit status a CI job can gate an upgrade on.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Result } from 'sarif';
import {
  AnalysisSettings, CODES, CodeInfo, PostfixLanguageService, UpgradeReview, docsUrl, renderUpgradeText,
} from '../core/languageService';
import { LintTarget } from './load';
import { sarifLog } from './sarif';

export interface UpgradeRun {
  /** Why there is no review (an unknown release), for a usage error. */
  error?: string;
  reviews: { dir: string; target: LintTarget; review: UpgradeReview }[];
}

/** Reviews every target from `from` to the settings' version. */
export function reviewUpgrades(service: PostfixLanguageService, targets: readonly LintTarget[], settings: AnalysisSettings, from: string): UpgradeRun {
  const run: UpgradeRun = { reviews: [] };
  for (const target of targets) {
    const file = target.files.main ?? target.files.master;
    if (!file) continue;
    const result = service.upgradeReview({ files: target.files, file, settings }, from, settings.version);
    if (result.error !== undefined) return { error: result.error, reviews: [] };
    run.reviews.push({ dir: target.dir, target, review: result.review });
  }
  return run;
}

/** What fails the run: a name the new release ignores, a receiver newly over its cap; with `strict`, any change. */
export function upgradeFails(review: UpgradeReview, strict: boolean): boolean {
  const breaks = review.notices.some((n) => n.code === 'version-mismatch' && !n.alreadyBefore)
    || review.budget.receivers.some((r) => r.new.status === 'over' && r.old.status !== 'over');
  const changes = review.parameters.some((c) => c.kind !== 'raise-only') || review.notices.some((n) => !n.alreadyBefore)
    || review.budget.receivers.some((r) => r.new.visible !== r.old.visible);
  return breaks || (strict && changes);
}

export function upgradeText(run: UpgradeRun): string {
  return run.reviews.map((r) => renderUpgradeText(r.review, { title: r.dir })).join('\n');
}

export function upgradeJson(run: UpgradeRun, tool: { version: string }): string {
  return `${JSON.stringify({ tool: 'postfix-lint', version: tool.version, upgrades: run.reviews.map((r) => ({ directory: r.dir, ...r.review })) }, null, 2)}\n`;
}

const CODE = 'upgrade-changed-default';

/** SARIF: each change a result on the line it is about (line 1 of main.cf for a default), the whole review in the run's properties. */
export function upgradeSarif(run: UpgradeRun, tool: { version: string; cwd: string }): string {
  const codes = [CODE, 'version-mismatch', 'deprecated-parameter', 'connection-budget'];
  const rules = codes.map((id) => ({ id, shortDescription: { text: (CODES as Record<string, CodeInfo>)[id].summary }, helpUri: docsUrl(id) }));
  const results: Result[] = [];
  for (const { dir, review } of run.reviews) {
    const at = (file: 'main' | 'master', line: number) => ({
      physicalLocation: { artifactLocation: { uri: artifactUri(path.join(dir, `${file}.cf`), tool.cwd) }, region: { startLine: line + 1 } },
    });
    for (const c of review.parameters) {
      const side = c.new ?? c.old;
      const text = `${c.name}: ${review.from.name} ${c.old ? `"${c.old.text}"` : '(not a parameter)'} -> ${review.to.name} ${c.new ? `"${c.new.text}"` : '(not a parameter)'}${c.raised ? `; after raising compatibility_level: "${c.raised.text}"` : ''}`;
      results.push({ ruleId: CODE, ruleIndex: 0, level: 'note', message: { text }, locations: [at('main', side?.line ?? 0)] });
    }
    for (const n of review.notices) {
      if (n.alreadyBefore) continue;
      results.push({ ruleId: n.code, ruleIndex: codes.indexOf(n.code), level: 'warning', message: { text: n.message }, locations: [at(n.file, n.line)] });
    }
    for (const r of review.budget.receivers) {
      if (r.new.status !== 'over' || r.old.status === 'over') continue;
      results.push({ ruleId: 'connection-budget', ruleIndex: 3, level: 'error', message: { text: `receiver ${r.receiver}: ${r.old.line} -> ${r.new.line}` }, locations: [at('main', 0)] });
    }
  }
  return sarifLog(tool.version, rules, results, { upgrades: run.reviews.map((r) => ({ directory: r.dir, ...r.review })) });
}

function artifactUri(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(absolute).href;
}
