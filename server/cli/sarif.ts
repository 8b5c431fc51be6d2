/**
 * SARIF 2.1.0 output, the format code-scanning services read. The rules are our stable
 * diagnostic codes; result locations are paths relative to the working directory (the
 * repository root in a CI job), with UTF-16 columns as LSP counts them.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { CODES, CodeInfo, DOCS_BASE, Severity, docsUrl } from '../core/languageService';
import { LintResult } from './check';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const RESULT_LEVEL: Record<number, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

/** The whole SARIF log for one run of postfix-lint. */
export function formatSarif(result: LintResult, tool: { version: string; cwd: string }): string {
  const rules: ReportingDescriptor[] = Object.entries(CODES as Record<string, CodeInfo>).map(([code, info]) => ({
    id: code,
    name: ruleName(code),
    shortDescription: { text: info.summary },
    defaultConfiguration: { level: LEVEL[info.severity] },
    helpUri: docsUrl(code),
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = result.findings.map((f) => {
    const index = ruleIndex.get(f.code);
    return {
      ruleId: f.code,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: RESULT_LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(f.path, f.range, tool.cwd)],
      ...(f.related.length
        ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.path, r.range, tool.cwd), message: { text: r.message } })) }
        : {}),
    };
  });
  return sarifLog(tool.version, rules, results);
}

/** One SARIF 2.1.0 run of postfix-lint, as text; `properties` are the run's own (e.g. the upgrade reviews). */
export function sarifLog(version: string, rules: ReportingDescriptor[], results: Result[], properties?: Record<string, unknown>): string {
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'postfix-lint', version, semanticVersion: version, informationUri: DOCS_BASE, rules } },
      columnKind: 'utf16CodeUnits',
      results,
      ...(properties ? { properties } : {}),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function location(file: string, range: Range, cwd: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(file, cwd) },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  };
}

/** A relative URI for files under the working directory, else an absolute file: URI. */
function artifactUri(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return relative.split(path.sep).map(encodeURIComponent).join('/');
  }
  return pathToFileURL(absolute).href;
}

/** "unknown-parameter" -> "UnknownParameter", the PascalCase name SARIF viewers show. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());
}
