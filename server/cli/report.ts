/** Text and JSON output of postfix-lint. */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LintFinding, LintPlace, LintResult, countBySeverity } from './check';

const SEVERITY_WORD: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** The severity as a word: error, warning, info or hint. */
export function severityWord(f: LintFinding): string {
  return SEVERITY_WORD[f.severity];
}

/**
 * Compiler style, one finding a line, `path:line:column: severity: message [code]` with
 * 1-based lines and columns, so editors and CI log viewers link to the place; related
 * places follow as `note:` lines.
 */
export function formatText(result: LintResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${where(f)}: ${severityWord(f)}: ${oneLine(f.message)} [${f.code}]`);
    for (const r of f.related) lines.push(`${where(r)}: note: ${oneLine(r.message)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** A one-line summary for stderr, e.g. "main.cf, master.cf: 1 error, 2 warnings". */
export function formatSummary(result: LintResult): string {
  const { errors, warnings, notes } = countBySeverity(result.findings);
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (notes) parts.push(plural(notes, 'note'));
  return `postfix-lint: ${result.files.length} file${result.files.length === 1 ? '' : 's'} checked: ${parts.join(', ')}\n`;
}

/** Machine-readable output: every finding with 1-based and LSP (0-based) positions. */
export function formatJson(result: LintResult, tool: { version: string; postfixVersion: string }): string {
  const findings = result.findings.map((f) => ({
    file: f.path,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: severityWord(f),
    code: f.code,
    message: f.message,
    range: f.range,
    related: f.related.map((r) => ({ file: r.path, line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })),
    ...(f.data !== undefined ? { data: f.data } : {}),
  }));
  const summary = countBySeverity(result.findings);
  return JSON.stringify({ tool: 'postfix-lint', version: tool.version, postfixVersion: tool.postfixVersion, files: result.files, summary, findings }, null, 2) + '\n';
}

function where(p: LintPlace): string {
  return `${p.path}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
