/** Findings -> LSP diagnostics, with exact ranges in whichever file each finding is about. */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { CheckedFinding, Severity } from './findings';
import { docsUrl } from './diagnosticCodes';
import { ConfigFiles, fileOf } from './document';

export const SOURCE = 'postfix';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: CheckedFinding, files: ConfigFiles): Diagnostic | undefined {
  const file = fileOf(files, finding);
  if (!file) return undefined;
  const diagnostic: Diagnostic = {
    range: file.lines.range(finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    // Set here, once for every finding: the code's entry in the diagnostics reference.
    codeDescription: { href: docsUrl(finding.code) },
    source: SOURCE,
    message: finding.message,
  };
  const tags: DiagnosticTag[] = [];
  if (finding.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  if (finding.deprecated) tags.push(DiagnosticTag.Deprecated);
  if (tags.length) diagnostic.tags = tags;
  const related = (finding.related ?? []).flatMap((r) => {
    const target = fileOf(files, r);
    return target ? [{ location: { uri: target.uri, range: target.lines.range(r.start, r.end) }, message: r.message }] : [];
  });
  if (related.length) diagnostic.relatedInformation = related;
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

/** Groups findings by the uri of the file they are about. */
export function diagnosticsByUri(findings: readonly CheckedFinding[], files: ConfigFiles): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const file of [files.main, files.master, ...(files.maps?.values() ?? [])]) if (file) byUri.set(file.uri, []);
  for (const finding of findings) {
    const diagnostic = toDiagnostic(finding, files);
    if (diagnostic) byUri.get(fileOf(files, finding)!.uri)!.push(diagnostic);
  }
  return byUri;
}
