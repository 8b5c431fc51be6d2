/**
 * Everything that must hold for any input, checked through the core in-process: nothing
 * throws, no rule fails internally, every finding, diagnostic and feature result lies
 * inside its document, parsing loses no text, and every code action's edit is exact.
 */
import { Random } from './hostile';
import { CoreRun, DOCUMENT_FEATURES, OFFSET_FEATURES, actionsFor, runCore, textsOf } from './coreRun';
import { logicalLineProblems, mainProblems, masterProblems, offsetProblems, rangeProblems, resultRangeProblems } from './invariants';
import { applyAction, verifyAction } from './editCheck';
import { AnalysisSettings, DEFAULT_SETTINGS } from '../../server/core/settings';
import { fileOf } from '../../server/core/document';
import { MainCf } from '../../server/core/syntax/mainCf';
import { MasterCf } from '../../server/core/syntax/masterCf';

export interface CoreCheckOptions {
  settings?: AnalysisSettings;
  /** Random offsets to ask position features at, besides 0, the end and each diagnostic. */
  offsets?: number;
  /** At most this many diagnostics get their code actions applied and verified. */
  maxActionChecks?: number;
  seed?: number;
}

export interface CoreCheckResult {
  problems: string[];
  actionsChecked: number;
}

/** Runs every check on one main.cf/master.cf pair; never throws. */
export function coreCheck(texts: { main?: string; master?: string }, options: CoreCheckOptions = {}): CoreCheckResult {
  const result: CoreCheckResult = { problems: [], actionsChecked: 0 };
  const problems = result.problems;
  let run: CoreRun;
  try {
    run = runCore(texts, options.settings ?? DEFAULT_SETTINGS);
  } catch (e) {
    problems.push(`parse or check threw: ${(e as Error).stack}`);
    return result;
  }
  problems.push(...treeProblems(run));
  for (const f of run.findings) {
    if (f.code === 'internal-error') problems.push(`a rule failed: ${f.message}`);
    const file = fileOf(run.files, f);
    if (!file) problems.push(`${f.code}: a finding about a file that does not exist`);
    else problems.push(...offsetProblems(f.start, f.end, file.text.length, `${f.code} finding`));
    for (const r of f.related ?? []) {
      const target = fileOf(run.files, r);
      problems.push(...(target ? offsetProblems(r.start, r.end, target.text.length, `${f.code} related`) : [`${f.code}: related place in a missing file`]));
    }
  }
  for (const [uri, diagnostics] of run.diagnostics) {
    const text = run.texts.get(uri) ?? '';
    diagnostics.forEach((d, i) => problems.push(...rangeProblems(d.range, text, `${d.code} diagnostic ${i}`)));
    problems.push(...resultRangeProblems(diagnostics.map((d) => d.relatedInformation ?? []), text, (u) => run.texts.get(u), 'relatedInformation'));
  }
  problems.push(...featureProblems(run, options));
  if (problems.length) return result;
  actionProblems(run, options, result);
  return result;
}

function treeProblems(run: CoreRun): string[] {
  const problems: string[] = [];
  for (const file of [run.files.main, run.files.master]) {
    if (!file) continue;
    problems.push(...logicalLineProblems(file.text));
    problems.push(...(file.kind === 'main' ? mainProblems(file.text, file.tree as MainCf) : masterProblems(file.text, file.tree as MasterCf)));
  }
  return problems;
}

/** Calls every feature at the interesting offsets of each file and checks what comes back. */
function featureProblems(run: CoreRun, options: CoreCheckOptions): string[] {
  const problems: string[] = [];
  const rnd = new Random(options.seed ?? 1);
  for (const kind of ['main', 'master'] as const) {
    const file = run.files[kind];
    if (!file) continue;
    const ctx = run.context(kind);
    const textOf = (u: string): string | undefined => run.texts.get(u);
    const offsets = new Set([0, file.text.length]);
    for (let i = 0; i < (options.offsets ?? 5); i++) offsets.add(rnd.int(file.text.length + 1));
    for (const d of (run.diagnostics.get(file.uri) ?? []).slice(0, 20)) offsets.add(file.lines.offset(d.range.start));
    for (const [name, feature] of Object.entries(OFFSET_FEATURES)) {
      for (const offset of offsets) {
        try {
          problems.push(...resultRangeProblems(feature(ctx, offset), file.text, textOf, `${name}@${offset}`));
        } catch (e) {
          problems.push(`${name} at offset ${offset} of ${kind}.cf threw: ${(e as Error).stack}`);
        }
      }
    }
    for (const [name, feature] of Object.entries(DOCUMENT_FEATURES)) {
      try {
        problems.push(...resultRangeProblems(feature(ctx), file.text, textOf, name));
      } catch (e) {
        problems.push(`${name} on ${kind}.cf threw: ${(e as Error).stack}`);
      }
    }
  }
  return problems;
}

/** Applies every code action of (up to maxActionChecks) diagnostics and verifies it is exact. */
function actionProblems(run: CoreRun, options: CoreCheckOptions, result: CoreCheckResult): void {
  let budget = options.maxActionChecks ?? Infinity;
  for (const kind of ['main', 'master'] as const) {
    const file = run.files[kind];
    if (!file) continue;
    const ctx = run.context(kind);
    for (const diagnostic of run.diagnostics.get(file.uri) ?? []) {
      if (budget-- <= 0) return;
      let actions;
      try {
        actions = actionsFor(ctx, diagnostic);
      } catch (e) {
        result.problems.push(`code actions for ${diagnostic.code} threw: ${(e as Error).stack}`);
        continue;
      }
      result.problems.push(...resultRangeProblems(actions, file.text, (u) => run.texts.get(u), `codeActions(${diagnostic.code})`));
      for (const action of actions) {
        if (!action.edit) continue;
        const applied = applyAction(run.texts, action);
        const after = runCore(textsOf(applied.after), run.settings);
        result.problems.push(...verifyAction({
          action, applied, before: run.texts, diagnosticsBefore: run.diagnostics, diagnosticsAfter: after.diagnostics,
          target: diagnostic, targetUri: file.uri,
        }));
        result.actionsChecked++;
      }
    }
  }
}
