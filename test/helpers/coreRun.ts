/**
 * The core driven the way the server drives it, without the transport: parse a main.cf /
 * master.cf pair, check it, and call every editor feature, so property tests can run
 * thousands of inputs in-process.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyze } from '../../server/core/analyze';
import { ConfigFiles, parseSource } from '../../server/core/document';
import { CheckedFinding } from '../../server/core/findings';
import { Configuration } from '../../server/core/model/configuration';
import { diagnosticsByUri } from '../../server/core/toDiagnostic';
import { FeatureContext } from '../../server/core/features/context';
import { hover } from '../../server/core/features/hover';
import { completion } from '../../server/core/features/completion';
import { definition } from '../../server/core/features/definition';
import { documentSymbols } from '../../server/core/features/symbols';
import { codeActions } from '../../server/core/features/codeActions';
import { codeLenses } from '../../server/core/features/codeLens';
import { summary } from '../../server/core/features/summary';
import { AnalysisSettings, DEFAULT_SETTINGS } from '../../server/core/settings';

export const MAIN_URI = 'file:///fuzz/main.cf';
export const MASTER_URI = 'file:///fuzz/master.cf';

/** A configuration under test: its texts by uri, parsed files and diagnostics. */
export interface CoreRun {
  texts: Map<string, string>;
  files: ConfigFiles;
  settings: AnalysisSettings;
  findings: CheckedFinding[];
  diagnostics: Map<string, Diagnostic[]>;
  context(kind: 'main' | 'master'): FeatureContext;
}

/** Parses and checks a pair of texts (undefined = the file does not exist). */
export function runCore(texts: { main?: string; master?: string }, settings: AnalysisSettings = DEFAULT_SETTINGS): CoreRun {
  const files: ConfigFiles = {};
  const byUri = new Map<string, string>();
  if (texts.main !== undefined) {
    files.main = parseSource('main', MAIN_URI, texts.main, 1);
    byUri.set(MAIN_URI, texts.main);
  }
  if (texts.master !== undefined) {
    files.master = parseSource('master', MASTER_URI, texts.master, 1);
    byUri.set(MASTER_URI, texts.master);
  }
  const config = new Configuration({ main: files.main?.tree, master: files.master?.tree, version: settings.version });
  const findings = analyze(config, settings);
  return {
    texts: byUri,
    files,
    settings,
    findings,
    diagnostics: diagnosticsByUri(findings, files),
    context: (kind) => ({ config, files, settings, file: files[kind]! }),
  };
}

/** The texts of a run as the uri -> text map runCore takes back. */
export function textsOf(map: Map<string, string>): { main?: string; master?: string } {
  return { main: map.get(MAIN_URI), master: map.get(MASTER_URI) };
}

/** Every position-taking feature, by name, at a document offset. */
export const OFFSET_FEATURES: Record<string, (ctx: FeatureContext, offset: number) => unknown> = {
  hover,
  completion,
  definition,
};

/** Every whole-document feature, by name. */
export const DOCUMENT_FEATURES: Record<string, (ctx: FeatureContext) => unknown> = {
  documentSymbols: (ctx) => documentSymbols(ctx.file),
  codeLenses,
  summary,
};

/** The code actions for one diagnostic, as a client asks for them (the diagnostic's range). */
export function actionsFor(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  return codeActions(ctx, diagnostic.range, [diagnostic]);
}
