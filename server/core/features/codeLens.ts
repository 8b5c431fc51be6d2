/**
 * Code lenses: the connection budget over each receiver directive and over each outbound
 * transport in master.cf, e.g. "orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)".
 * A transport that serves no declared receiver shows its per-destination peak instead.
 */
import { CodeLens } from 'vscode-languageserver-types';
import { LISTED_TRANSPORTS, budgetLine, receiverBudgets, sharesOfService, shareOf } from '../model/budget';
import { showCount } from '../model/quantities';
import { transportLimits } from '../model/transportLimits';
import { FeatureContext } from './context';

export function codeLenses(ctx: FeatureContext): CodeLens[] {
  const lenses: CodeLens[] = [];
  const budgets = receiverBudgets(ctx.config, ctx.settings.receivers);
  const lens = (start: number, end: number, title: string, tooltip: string): void => {
    lenses.push({ range: ctx.file.lines.range(start, end), command: { title, command: '', tooltip } });
  };
  // One line per budget, of bounded length: it is repeated over each of its transports.
  const lines = new Map(budgets.map((b) => [b, budgetLine(b, LISTED_TRANSPORTS)]));
  for (const budget of budgets) {
    const d = budget.receiver.directive;
    if (d && d.file === ctx.file.kind) lens(d.start, d.end, lines.get(budget)!, `Connection budget of receiver "${budget.receiver.name}"`);
  }
  if (ctx.file.kind !== 'master') return lenses;
  for (const service of ctx.config.services) {
    if (service.role !== 'outbound') continue;
    const field = service.entry.fields.service;
    const mine = sharesOfService(budgets, service.entry);
    for (const { budget } of mine) lens(field.start, field.end, lines.get(budget)!, `Connection budget of receiver "${budget.receiver.name}"`);
    if (!mine.length) {
      const share = shareOf(transportLimits(ctx.config, service), 1);
      lens(field.start, field.end, `${service.name}: up to ${showCount(share.visible)} sessions per destination (no receiver declared)`,
        'Declare a strict receiver with "# @receiver NAME max-connections=N transports=..." to check its connection budget.');
    }
  }
  return lenses;
}
