/**
 * Runs the real analysis on marked configuration texts: `[[...]]` in main.cf and master.cf
 * marks the ranges the findings of one code must cover (see markers.ts). Also builds the
 * FeatureContext quick-fixes get, from the same texts.
 */
import { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyze } from '../../server/core/analyze';
import { codeActions } from '../../server/core/features/codeActions';
import { FeatureContext } from '../../server/core/features/context';
import { CheckedFinding, Finding, Severity } from '../../server/core/findings';
import { diagnosticsByUri } from '../../server/core/toDiagnostic';
import { Configuration, ConfigKind, FileKind } from '../../server/core/model/configuration';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { applyEdits, editsFor } from './applyEdits';
import { MAIN_URI, MASTER_URI, featureContext } from './featureContext';
import { ranges } from './markers';
import { tablesOf } from './tables';

/** The texts of main.cf and master.cf (marked, for `run`) and the postfix.version (and upgradeFrom) setting. */
export interface Input {
  main?: string;
  master?: string;
  version?: string;
  upgradeFrom?: string;
  /** Texts of indexed map files by the path main.cf names them with (transport_maps = hash:PATH). */
  maps?: Record<string, string>;
}

const settingsOf = (input: Input) => ({ ...DEFAULT_SETTINGS, version: input.version, ...(input.upgradeFrom ? { upgradeFrom: input.upgradeFrom } : {}) });

export interface Run {
  /** Findings of the code, ordered by file (main first) and offset. */
  found: CheckedFinding[];
  /** [file, start, end] of each finding, for deepEqual against `expected`. */
  spans: [FileKind, number, number][];
  /** The marked ranges, in the same shape. */
  expected: [FileKind, number, number][];
  texts: { main?: string; master?: string };
}

export function run(code: string, input: Input): Run {
  const main = input.main === undefined ? undefined : ranges(input.main);
  const master = input.master === undefined ? undefined : ranges(input.master);
  const config = new Configuration({ mainText: main?.text, masterText: master?.text, version: input.version, tables: input.maps && tablesOf(input.maps) });
  const order = (f: Finding): number => (f.file === 'main' ? 0 : 1e9) + f.start;
  const found = analyze(config, settingsOf(input)).filter((f) => f.code === code).sort((a, b) => order(a) - order(b));
  const expected: [FileKind, number, number][] = [
    ...(main?.ranges ?? []).map((r): [FileKind, number, number] => ['main', r.start, r.end]),
    ...(master?.ranges ?? []).map((r): [FileKind, number, number] => ['master', r.start, r.end]),
  ];
  return { found, spans: found.map((f) => [f.file, f.start, f.end]), expected, texts: { main: main?.text, master: master?.text } };
}

/** Severities of the findings, in order. */
export const severities = (r: Run): Severity[] => r.found.map((f) => f.severity);

export interface FixSetup {
  ctx: FeatureContext;
  /** Diagnostics of the file the fix is asked for. */
  diagnostics: Diagnostic[];
}

/** Parses both files as the server does and returns the context for requests on `file`. */
export function fixSetup(texts: Input, file: ConfigKind): FixSetup {
  const ctx = featureContext({ ...texts, file });
  const diagnostics = diagnosticsByUri(analyze(ctx.config, ctx.settings), ctx.files).get(ctx.file.uri) ?? [];
  return { ctx, diagnostics };
}

/** The quick-fixes offered for every diagnostic of `code` in `file`. */
export function fixesFor(texts: Input, file: ConfigKind, code: string): { actions: CodeAction[]; diagnostics: Diagnostic[] } {
  const { ctx, diagnostics } = fixSetup(texts, file);
  const mine = diagnostics.filter((d) => d.code === code);
  const whole = { start: { line: 0, character: 0 }, end: { line: ctx.file.lines.lineCount, character: 0 } };
  return { actions: codeActions(ctx, whole, mine), diagnostics: mine };
}

/** All findings for unmarked texts (for checking a text after a fix). */
export function findingsOf(texts: Input): Finding[] {
  const config = new Configuration({ mainText: texts.main, masterText: texts.master, version: texts.version, tables: texts.maps && tablesOf(texts.maps) });
  return analyze(config, settingsOf(texts));
}

/** Applies the `index`th quick-fix for `code` in `file` and returns the new text of that file. */
export function applyFix(texts: Input, file: ConfigKind, code: string, index = 0): { title: string; after: string; actions: CodeAction[] } {
  const { actions } = fixesFor(texts, file, code);
  const action = actions[index];
  if (!action) throw new Error(`no quick-fix #${index} for ${code}; got ${actions.map((a) => a.title).join(', ')}`);
  const uri = file === 'main' ? MAIN_URI : MASTER_URI;
  return { title: action.title, after: applyEdits(texts[file]!, editsFor(action, uri)), actions };
}
