/**
 * What both renderers of the upgrade review say, worded once: the notes at the top, the
 * one-sentence summary, the budget lines, the master.cf column lines and the footer.
 * Parts marked `code` come from the files and are shown as code (escaped).
 */
import { UpgradeGroup } from './groups';
import type { UpgradeReview } from './review';
import type { BudgetFigure } from './budget';
import type { ParameterChange } from './values';

export interface Part {
  text: string;
  code?: boolean;
}

export interface Report {
  notes: string[];
  summary: string;
  byGroup: Map<UpgradeGroup, ParameterChange[]>;
  budget: Part[][];
  columns: Part[][];
  footer: string;
}

const plural = (n: number, word: string, words = `${word}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? word : words}`;

export function reportOf(review: UpgradeReview): Report {
  const byGroup = new Map<UpgradeGroup, ParameterChange[]>();
  for (const c of [...review.parameters].sort((a, b) => kindRank(a) - kindRank(b))) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  return { notes: notesOf(review), summary: summaryOf(review), byGroup, budget: budgetLines(review), columns: columnLines(review), footer: FOOTER };
}

/** Within a group: values that change first, then renames, new and gone names (the sort is stable: by name within each). */
function kindRank(c: ParameterChange): number {
  if (c.kind === 'changed') return 0;
  if (c.kind === 'raise-only') return 1;
  if (c.renamedFrom || c.renamedTo) return 2;
  return c.kind === 'added' ? 3 : 4;
}

function notesOf(review: UpgradeReview): string[] {
  const notes: string[] = [];
  for (const r of [review.from, review.to]) if (r.fallback) notes.push(`${r.fallback}.`);
  if (!review.files.main) notes.push('No main.cf was read: every value is the release\'s default.');
  const { old, new: next, raisedTo } = review.compatibilityLevel;
  const level = old === next ? `compatibility_level is ${old} for both releases` : `compatibility_level is ${old} for ${review.from.name} and ${next} for ${review.to.name}`;
  notes.push(raisedTo
    ? `${level}, below ${raisedTo}, the level Postfix ${review.to.name}'s own main.cf sets: each change also says what raising it to ${raisedTo} would do.`
    : `${level}.`);
  return notes;
}

function summaryOf(review: UpgradeReview): string {
  const changed = review.parameters.filter((c) => c.kind === 'changed');
  const added = review.parameters.filter((c) => c.kind === 'added');
  const removed = review.parameters.filter((c) => c.kind === 'removed');
  const raised = review.parameters.filter((c) => c.raised);
  const parts = [
    `${plural(changed.length, 'value')} in effect ${changed.length === 1 ? 'changes' : 'change'}`,
    `${plural(added.length, 'parameter')} ${added.length === 1 ? 'is' : 'are'} new`,
    `${plural(removed.length, 'parameter')} ${removed.length === 1 ? 'goes' : 'go'} away`,
  ];
  if (review.compatibilityLevel.raisedTo) parts.push(`raising compatibility_level to ${review.compatibilityLevel.raisedTo} would change ${plural(raised.length, 'value')}`);
  const notices = review.notices.filter((n) => !n.alreadyBefore).length;
  parts.push(`${plural(notices, 'name')} newly ${notices === 1 ? 'warns or goes' : 'warn or go'} unused`);
  if (review.files.master) parts.push(`${plural(review.missingServices.length, 'service')} of the new master.cf ${review.missingServices.length === 1 ? 'is' : 'are'} missing here`);
  const over = review.budget.receivers.filter((r) => r.new.status === 'over' && r.old.status !== 'over').length;
  if (review.budget.receivers.length) parts.push(`${plural(over, 'receiver')} newly over ${over === 1 ? 'its' : 'their'} cap`);
  return `${parts.join('; ')}.`;
}

const countWords = (n: number | null): string => (n === null ? 'unlimited' : String(n));
const figureWords = (f: BudgetFigure, cap: number): string =>
  `${countWords(f.visible)} of ${cap} (${f.status === 'over' ? 'over the cap: expect 421' : f.status === 'at' ? 'at the cap' : 'under the cap'})`;

function budgetLines(review: UpgradeReview): Part[][] {
  const { from, to, compatibilityLevel } = review;
  const lines: Part[][] = [];
  if (!review.budget.receivers.length) lines.push([{ text: 'No strict receiver is declared (a "# @receiver" comment or the postfix.receivers setting): no budget to compare.' }]);
  for (const r of review.budget.receivers) {
    const raised = r.raised ? `; after raising compatibility_level to ${compatibilityLevel.raisedTo}: ${figureWords(r.raised, r.cap)}` : '';
    lines.push([
      { text: 'receiver ' }, { text: r.receiver, code: true }, ...(r.source ? [{ text: ' from ' }, { text: r.source, code: true }] : []),
      { text: `: ${from.name} ${figureWords(r.old, r.cap)} → ${to.name} ${figureWords(r.new, r.cap)}${raised}` },
    ]);
    for (const t of r.transports) {
      const after = t.raised !== undefined ? ` (${countWords(t.raised)} after raising)` : '';
      lines.push([{ text: '  transport ' }, { text: t.name, code: true }, { text: `: ${countWords(t.old)} → ${countWords(t.new)}${after}` }]);
    }
  }
  const changed = review.budget.transports.filter((t) => t.old !== t.new || (t.raised !== undefined && t.raised !== t.new));
  for (const t of changed) {
    const after = t.raised !== undefined && t.raised !== t.new ? `; after raising compatibility_level: ${countWords(t.raised)}` : '';
    lines.push([{ text: 'transport ' }, { text: t.name, code: true }, { text: `: at most ${countWords(t.old)} sessions towards one destination → ${countWords(t.new)}${after}` }]);
  }
  const same = review.budget.transports.length - changed.length;
  if (same) lines.push([{ text: `${plural(same, 'outbound transport')} ${same === 1 ? 'opens' : 'open'} as many sessions towards one destination under both releases.` }]);
  return lines;
}

const COLUMN_WORDS: Record<string, string> = {
  private: 'private', unpriv: 'unpriv', chroot: 'chroot', wakeup: 'wakeup', maxproc: 'maxproc',
};

function columnLines(review: UpgradeReview): Part[][] {
  const lines: Part[][] = [];
  for (const c of review.columns) {
    const shown = c.services.slice(0, 6);
    const who: Part[] = [{ text: ` (${plural(c.services.length, 'service')}: ` }, ...shown.flatMap((s, i) => [...(i ? [{ text: ', ' }] : []), { text: s, code: true }]),
      { text: c.services.length > shown.length ? ', …)' : ')' }];
    if (c.old !== c.new) lines.push([{ text: `${COLUMN_WORDS[c.column]} "-" means ${c.old} with ${review.from.name} and ${c.new} with ${review.to.name}` }, ...who]);
    if (c.raised !== undefined) lines.push([{ text: `${COLUMN_WORDS[c.column]} "-" becomes ${c.raised} once compatibility_level is ${review.compatibilityLevel.raisedTo}` }, ...who]);
  }
  if (!lines.length) lines.push([{ text: 'No "-" column changes meaning between these releases.' }]);
  return lines;
}

const FOOTER = 'Values are what each release\'s postconf -x would print for these files. A value shown as $myhostname, $mydomain, $mynetworks, $config_directory or $process_id is computed on the mail server, the same way by both releases. Install paths and the few defaults a package builder may choose are shown as a stock build of Postfix has them. Each name links to its postconf(5) entry on postfix.org.';

/** Values longer than this are shown around where they differ. */
const LONG = 160;
const CONTEXT = 40;

/**
 * What to show of values that are compared: each whole when short; when long, the part
 * where they differ with some context around it, "…" for what is left out (proxy_read_maps
 * runs to kilobytes, and differs by a word at its end).
 */
export function shownValues(values: readonly string[]): string[] {
  if (values.length < 2 || values.every((v) => v.length <= LONG)) return [...values];
  let prefix = 0;
  const shortest = Math.min(...values.map((v) => v.length));
  while (prefix < shortest && values.every((v) => v[prefix] === values[0][prefix])) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && values.every((v) => v[v.length - 1 - suffix] === values[0][values[0].length - 1 - suffix])) suffix++;
  const start = Math.max(0, prefix - CONTEXT);
  return values.map((v) => {
    const end = Math.min(v.length, v.length - suffix + CONTEXT);
    return `${start > 0 ? '…' : ''}${v.slice(start, end)}${end < v.length ? '…' : ''}`;
  });
}
