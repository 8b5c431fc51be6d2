/**
 * option-syntax fixes: `-o name = value` becomes `-o { name = value }` (the long form
 * keeps the words and the spacing; Postfix drops the white space around "=" inside the
 * braces), and `-oname=value` becomes `-o name=value`.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';
import { optionIssues } from '../model/optionForms';
import { diagnosticStart, quickFix } from './actions';
import { onLineAt } from '../features/locate';
import { parseValue } from '../syntax/expansion';

export function optionFormFix(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  const file = ctx.file;
  if (file.tree.kind !== 'master') return [];
  const start = diagnosticStart(file, diagnostic);
  const service = onLineAt(file.tree.entries, start);
  const issue = service && optionIssues(service).find((i) => i.flag.start === start);
  if (!issue) return [];
  if (issue.kind === 'stuck') {
    const rest = issue.flag.text.slice(2);
    return [quickFix({ title: `Insert a space: "-o ${rest}"`, file, diagnostic, preferred: true, edits: [{ start: start + 2, end: start + 2, text: ' ' }] })];
  }
  // Braces in the words would pair with the ones the long form adds: no sound rewrite.
  if (issue.kind !== 'spaced' || issue.parts.some((p) => /[{}]/.test(p.text))) return [];
  const last = issue.parts[issue.parts.length - 1];
  // A stuck `-oname= value` opens its braces after the "-o": `-o { name= value }`.
  const stuck = issue.parts[0] === issue.flag;
  // The words become one value: one Postfix cannot expand would trade this error for another.
  const joined = service.line.text.slice(issue.parts[0].at + (stuck ? 2 : 0), last.at + last.text.length);
  if (parseValue(joined.slice(joined.indexOf('=') + 1).trim()).error) return [];
  const open = stuck ? { start: start + 2, end: start + 2, text: ' { ' } : { start: issue.parts[0].start, end: issue.parts[0].start, text: '{ ' };
  const words = issue.parts.map((p, i) => (i === 0 && stuck ? p.text.slice(2) : p.text)).join(' ');
  const edits = [open, { start: last.end, end: last.end, text: ' }' }];
  return [quickFix({ title: `Rewrite in the long form: "-o { ${words} }"`, file, diagnostic, preferred: true, edits })];
}
