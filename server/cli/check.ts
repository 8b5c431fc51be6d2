/** Runs the same core the language server uses over each configuration given. */
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { AnalysisSettings, PostfixLanguageService } from '../core/languageService';
import { LintTarget } from './load';

/** A place in a file, the path as the user named it. */
export interface LintPlace {
  path: string;
  range: Range;
  message: string;
}

/** One diagnostic of the core, flattened for output. */
export interface LintFinding extends LintPlace {
  severity: DiagnosticSeverity;
  code: string;
  data?: unknown;
  /** Related places (e.g. the other entry of a duplicate). */
  related: LintPlace[];
}

export interface LintResult {
  /** Every file reported on, in order. */
  files: string[];
  findings: LintFinding[];
}

/** Checks every target; findings come sorted by file, then position. */
export function lint(service: PostfixLanguageService, targets: readonly LintTarget[], settings: AnalysisSettings): LintResult {
  const result: LintResult = { files: [], findings: [] };
  for (const target of targets) {
    const { files } = target;
    const byUri = service.validate(files, settings);
    for (const [uri, diagnostics] of byUri) {
      const isMap = [...(files.maps?.values() ?? [])].some((f) => f.uri === uri);
      const kind = files.main?.uri === uri ? 'main' : files.master?.uri === uri ? 'master' : isMap ? 'map' : undefined;
      const path = target.displayPath.get(uri);
      if (!kind || !path || !target.report.has(kind)) continue;
      result.files.push(path);
      const sorted = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      for (const d of sorted) result.findings.push(toFinding(target, path, d));
    }
  }
  return result;
}

function toFinding(target: LintTarget, path: string, d: Diagnostic): LintFinding {
  return {
    path,
    range: d.range,
    message: text(d.message),
    severity: d.severity ?? DiagnosticSeverity.Error,
    code: String(d.code ?? 'unknown'),
    ...(d.data !== undefined ? { data: d.data } : {}),
    related: (d.relatedInformation ?? []).map((r) => ({
      path: target.displayPath.get(r.location.uri) ?? r.location.uri,
      range: r.location.range,
      message: r.message,
    })),
  };
}

/** Diagnostic messages may be markup in LSP 3.18; the CLI prints their text. */
function text(message: Diagnostic['message']): string {
  return typeof message === 'string' ? message : message.value;
}

/** Counts by severity; information and hints never fail a run. */
export function countBySeverity(findings: readonly LintFinding[]): { errors: number; warnings: number; notes: number } {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const f of findings) {
    if (f.severity === DiagnosticSeverity.Error) errors++;
    else if (f.severity === DiagnosticSeverity.Warning) warnings++;
    else notes++;
  }
  return { errors, warnings, notes };
}
