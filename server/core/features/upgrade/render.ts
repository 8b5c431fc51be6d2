/**
 * The upgrade review as a report: Markdown (the editor's report, links to postconf(5)) or
 * plain text (postfix-lint). Everything taken from the files (names, values, receivers,
 * transports) is escaped: in Markdown as code spans or escaped text, so a value cannot
 * add markup, links or HTML to the report.
 */
import { GROUPS } from './groups';
import type { UpgradeReview } from './review';
import type { ParameterChange, ValueSide } from './values';
import { Report, reportOf, shownValues } from './reportModel';

export interface RenderOptions {
  /** What was reviewed, e.g. the main.cf path. */
  title?: string;
}

const MAX_VALUE = 300;

/** Inline code that survives backticks and table pipes; long values are cut. */
export function mdCode(text: string): string {
  if (text === '') return '*(empty)*';
  const shown = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
  const runs = shown.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown.replace(/\s+/g, ' ')}${pad}${fence}`;
}

/**
 * Text from the files (names, messages that quote them) with what Markdown or HTML could
 * read as markup escaped: emphasis, code, links, tables and tags.
 */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*[\]|~]/g, (c) => `\\${c}`)
    // An underscore inside a word (compatibility_level) is no emphasis; at a word's edge it could be.
    .replace(/_/g, (c, at: number) => (/[A-Za-z0-9]/.test(text[at - 1] ?? '') && /[A-Za-z0-9]/.test(text[at + 1] ?? '') ? c : `\\${c}`))
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A parameter name, linked to postconf(5) when it documents it. */
function mdName(change: ParameterChange): string {
  const name = /^[A-Za-z0-9_]+$/.test(change.name) ? `**${change.name}**` : mdCode(change.name);
  return change.docs ? `[${name}](${change.docs})` : name;
}

/** The report in Markdown. */
export function renderMarkdown(review: UpgradeReview, options: RenderOptions = {}): string {
  const report = reportOf(review);
  const out: string[] = [`# Upgrade review: Postfix ${review.from.name} → ${review.to.name}`, ''];
  if (options.title) out.push(`Configuration: ${mdCode(options.title)}`, '');
  for (const note of report.notes) out.push(`> ${note}`, '');
  out.push(`**In short:** ${report.summary}`, '');
  budgetSection(report, out);
  for (const { group, title } of GROUPS) {
    const changes = report.byGroup.get(group);
    if (!changes?.length) continue;
    out.push(`## ${title}`, '');
    for (const change of changes) out.push(`- ${mdChange(review, change)}`);
    out.push('');
  }
  if (review.pinned.length) {
    out.push('## Defaults this main.cf keeps as they were', '');
    for (const p of review.pinned) {
      out.push(`- **${mdText(p.name)}** (main.cf line ${p.line + 1}) = ${mdCode(p.value)}: the default changes from ${mdCode(p.oldDefault)} to ${mdCode(p.newDefault)}; this line keeps the old one.`);
    }
    out.push('');
  }
  out.push('## Names that go away or warn', '');
  if (!review.notices.length) out.push(`Nothing: Postfix ${review.to.name} knows every name this configuration sets and warns about none.`);
  for (const n of review.notices) {
    const when = n.alreadyBefore ? `already with ${review.from.name}` : `new with ${review.to.name}`;
    out.push(`- ${n.file}.cf line ${n.line + 1}: ${mdText(n.message)} (${when})`);
  }
  out.push('');
  masterSection(review, report, out);
  if (review.unreadable.length) {
    out.push('## Lines that could not be read', '', 'The review covers the rest of the files.', '');
    for (const u of review.unreadable) out.push(`- ${u.file}.cf line ${u.line + 1}: ${mdText(u.message)}`);
    out.push('');
  }
  out.push('---', '', report.footer, '');
  return out.join('\n');
}

/** A value (`text`: what to show of it); `withInputs` adds what a computed value reads (when the texts alone look the same). */
function mdSide(side: ValueSide | undefined, text: string | undefined, withInputs: boolean): string {
  if (!side) return '*(not a parameter)*';
  const shown = mdCode(text ?? side.text);
  return withInputs && side.inputs ? `${shown} (${mdText(side.inputs.join('; '))})` : shown;
}

/** What to show of a change's old, new and raised values (long ones around where they differ). */
function shownSides(c: ParameterChange): (string | undefined)[] {
  const sides = [c.old, c.new, c.raised];
  const present = sides.filter((x): x is ValueSide => !!x);
  const shown = shownValues(present.map((x) => x.text));
  return sides.map((x) => (x ? shown[present.indexOf(x)] : undefined));
}

/** True when the texts of a change look the same and only what a computation reads differs. */
export function onlyInputsDiffer(c: ParameterChange): boolean {
  const sides = [c.old, c.new, c.raised].filter((s): s is ValueSide => !!s);
  return sides.length > 1 && sides.every((s) => s.text === sides[0].text);
}

function mdChange(review: UpgradeReview, c: ParameterChange): string {
  const { from, to } = review;
  const inputs = onlyInputsDiffer(c);
  const [a, b, r] = shownSides(c);
  const parts = [`${mdName(c)}: ${from.name} ${mdSide(c.old, a, inputs)} → ${to.name} ${mdSide(c.new, b, inputs)}`];
  if (c.raised) parts.push(`; after raising compatibility_level to ${review.compatibilityLevel.raisedTo}: ${mdSide(c.raised, r, inputs)}`);
  const why = causeWords(c);
  return `${parts.join('')}${why ? ` (${mdText(why)})` : ''}`;
}

/** Why a value changes, in a few words (shared by both renderers). */
export function causeWords(c: ParameterChange): string {
  const where = (c.new ?? c.old)?.line !== undefined ? `main.cf line ${(c.new ?? c.old)!.line! + 1}` : '';
  const parts: string[] = [];
  if (c.renamedFrom) parts.push(`new name of ${c.renamedFrom}`);
  else if (c.renamedTo) parts.push(`renamed to ${c.renamedTo}`);
  else if (c.kind === 'added') parts.push('new parameter');
  else if (c.kind === 'removed') parts.push('no longer a parameter');
  else if (c.kind === 'raise-only') parts.push('follows compatibility_level');
  else if (c.cause === 'default') parts.push(where ? 'changes with its value there' : 'the default changes');
  else if (c.via?.length) parts.push(`reads ${c.via.join(', ')}, which ${c.via.length === 1 ? 'changes' : 'change'}`);
  else parts.push('the values it reads change');
  if (where) parts.push(`set in ${where}`);
  const computed = [...new Set([...(c.old?.computed ?? []), ...(c.new?.computed ?? [])])];
  if (computed.length) parts.push(`${computed.map((n) => `$${n}`).join(', ')} computed on the mail server`);
  return parts.join('; ');
}

function budgetSection(report: Report, out: string[]): void {
  out.push('## Connection budget', '');
  for (const line of report.budget) out.push(`- ${line.map((p) => (p.code ? mdCode(p.text) : p.text)).join('')}`);
  out.push('');
}

function masterSection(review: UpgradeReview, report: Report, out: string[]): void {
  out.push('## master.cf', '');
  if (!review.files.master) {
    out.push('No master.cf was read: services and columns are not reviewed.', '');
    return;
  }
  out.push(`### Services Postfix ${review.to.name}'s own master.cf has and this one lacks`, '');
  if (!review.missingServices.length) out.push('None.');
  for (const s of review.missingServices) {
    const need = s.neededBecause ? `**needed here:** ${mdText(s.neededBecause)}` : 'nothing in this configuration needs it';
    out.push(`- ${mdCode(`${s.name} ${s.type} … ${s.command}`)}${s.purpose ? `: ${mdText(s.purpose)}` : ''}; ${need}`);
  }
  out.push('', '### Columns written "-"', '');
  for (const line of report.columns) out.push(`- ${line.map((p) => (p.code ? mdCode(p.text) : p.text)).join('')}`);
  out.push('');
}

/** The report as plain text (postfix-lint). */
export function renderText(review: UpgradeReview, options: RenderOptions = {}): string {
  const report = reportOf(review);
  const out: string[] = [`Upgrade review: Postfix ${review.from.name} -> ${review.to.name}${options.title ? ` (${plain(options.title)})` : ''}`];
  for (const note of report.notes) out.push(`note: ${note}`);
  out.push(`In short: ${report.summary}`, '', 'Connection budget:');
  for (const line of report.budget) out.push(`  ${plain(line.map((p) => p.text).join('')).replace(/ → /g, ' -> ')}`);
  for (const { group, title } of GROUPS) {
    const changes = report.byGroup.get(group);
    if (!changes?.length) continue;
    out.push('', `${title}:`);
    for (const c of changes) {
      const inputs = onlyInputsDiffer(c);
      const [a, b, r] = shownSides(c);
      const raised = c.raised ? `; after raising compatibility_level to ${review.compatibilityLevel.raisedTo}: ${show(c.raised, r, inputs)}` : '';
      out.push(`  ${plain(c.name)}: ${review.from.name} ${show(c.old, a, inputs)} -> ${review.to.name} ${show(c.new, b, inputs)}${raised} (${plain(causeWords(c))})`);
    }
  }
  if (review.pinned.length) {
    out.push('', 'Defaults this main.cf keeps as they were:');
    for (const p of review.pinned) out.push(`  main.cf:${p.line + 1}: ${plain(p.name)} = ${plain(p.value)}: the default changes from "${plain(p.oldDefault)}" to "${plain(p.newDefault)}"`);
  }
  out.push('', 'Names that go away or warn:');
  if (!review.notices.length) out.push('  none');
  for (const n of review.notices) out.push(`  ${n.file}.cf:${n.line + 1}: ${plain(n.message)} (${n.alreadyBefore ? `already with ${review.from.name}` : `new with ${review.to.name}`})`);
  if (review.files.master) {
    out.push('', `Services Postfix ${review.to.name}'s own master.cf has and this one lacks:`);
    if (!review.missingServices.length) out.push('  none');
    for (const s of review.missingServices) out.push(`  ${s.name} ${s.type} (${s.command}): ${s.neededBecause ? `needed here: ${s.neededBecause}` : 'nothing in this configuration needs it'}`);
    out.push('', 'master.cf columns written "-":');
    for (const line of report.columns) out.push(`  ${plain(line.map((p) => p.text).join(''))}`);
  }
  if (review.unreadable.length) {
    out.push('', 'Lines that could not be read (the review covers the rest):');
    for (const u of review.unreadable) out.push(`  ${u.file}.cf:${u.line + 1}: ${plain(u.message)}`);
  }
  out.push('', report.footer);
  return `${out.join('\n')}\n`;
}

function show(side: ValueSide | undefined, shown: string | undefined, withInputs = false): string {
  if (!side) return '(not a parameter)';
  const whole = shown ?? side.text;
  const text = whole.length > MAX_VALUE ? `${whole.slice(0, MAX_VALUE)}…` : whole;
  return `"${plain(text)}"${withInputs && side.inputs ? ` (${plain(side.inputs.join('; '))})` : ''}`;
}

/** Text from the files for a terminal or a CI log: control characters (escape sequences) shown as "?". */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}
