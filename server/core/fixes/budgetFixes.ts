/**
 * Quick-fixes for connection-budget: switch connection caching off for a transport, or
 * bring a transport under the receiver's cap (caching off where that is what breaks the
 * budget, then the largest maxproc and per-destination limit that fit, and an initial
 * concurrency of 1). Both re-read the budget from the configuration, not the message.
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { FeatureContext } from '../features/context';
import { ReceiverBudget, TransportShare, receiverBudgets } from '../model/budget';
import { BudgetPlan, planUnderCap } from './budgetPlan';
import { setField, setMainParameters, setServiceOption, workspaceEdit } from './edits';
import { FixBuilder } from './types';

export const connectionBudgetFixes: FixBuilder = (ctx, diagnostic) => {
  const data = (diagnostic.data ?? {}) as { receiver?: string; transport?: string; source?: string };
  const budget = receiverBudgets(ctx.config, ctx.settings.receivers).find((b) => b.receiver.name === data.receiver && b.source === data.source);
  if (!budget || budget.status === 'under') return [];
  const shares = budget.shares.filter((s) => s.visible > 0 && (!data.transport || s.transport === data.transport));
  const actions: CodeAction[] = [];
  for (const share of shares) {
    const plan = planUnderCap(share, roomFor(budget, share));
    const edit = plan && planEdit(ctx, share, plan);
    // A plan that changes nothing (the transport is already as small as its share) is no fix.
    if (plan && edit && Object.keys(edit.changes ?? {}).length) {
      actions.push(action(`Bring "${share.transport}" under the cap of ${budget.cap}: ${describePlan(share, plan)}`, diagnostic, edit, actions.length === 0));
    }
  }
  for (const share of shares) {
    if (!share.cachingInEffect) continue;
    const edit = workspaceEdit([{ file: ctx.files.master, edits: cachingOffEdits(ctx, share) }]);
    actions.push(action(`Disable connection caching for "${share.transport}"`, diagnostic, edit, false));
  }
  return actions;
};

/**
 * The sessions `share` may add so the total stays below the cap, with the others as they
 * are; when the others already fill it, an even share of what the cap leaves.
 */
export function roomFor(budget: ReceiverBudget, share: TransportShare): number {
  const free = budget.cap - 1 - budget.receiver.otherSenders;
  const others = budget.shares.reduce((sum, s) => (s === share ? sum : sum + s.visible), 0);
  if (free - others >= 1) return free - others;
  return Math.max(1, Math.floor(free / Math.max(1, budget.shares.length)));
}

function describePlan(share: TransportShare, plan: BudgetPlan): string {
  const parts: string[] = [];
  if (share.cachingInEffect && !plan.caching) parts.push('caching off');
  if (plan.processLimit !== share.limits.processLimit) parts.push(`maxproc ${plan.processLimit}`);
  if (!share.limits.perRecipient) parts.push(`limit ${plan.perDestination} per destination`);
  return parts.join(', ');
}

/** Options that switch the transport's connection caching off (on demand and always). */
function cachingOffEdits(ctx: FeatureContext, share: TransportShare): TextEdit[] {
  const l = share.limits;
  const file = ctx.files.master;
  if (!file) return [];
  const prefix = l.service.program === 'lmtp' ? 'lmtp' : 'smtp';
  const edits: TextEdit[] = [];
  if (l.cacheOnDemand.value.toLowerCase() !== 'no') edits.push(setServiceOption(file, l.service.entry, { name: `${prefix}_connection_cache_on_demand`, value: 'no' }));
  if (l.cacheDestinations.value.trim()) edits.push(setServiceOption(file, l.service.entry, { name: `${prefix}_connection_cache_destinations`, value: '' }));
  return edits;
}

/** The edits that put a plan in place (only what changes), in both files. */
function planEdit(ctx: FeatureContext, share: TransportShare, plan: BudgetPlan): WorkspaceEdit {
  const l = share.limits;
  const master = share.cachingInEffect && !plan.caching ? cachingOffEdits(ctx, share) : [];
  if (ctx.files.master && plan.processLimit !== l.processLimit && Number.isFinite(plan.processLimit)) {
    master.push(setField(ctx.files.master, l.maxprocField, String(plan.processLimit)));
  }
  const settings: [string, string][] = [];
  if (plan.perDestination !== l.concurrencyLimit) settings.push([`${share.transport}_destination_concurrency_limit`, String(plan.perDestination)]);
  if (l.initialConcurrency !== 1) settings.push([`${share.transport}_initial_destination_concurrency`, '1']);
  const main = ctx.files.main && settings.length ? setMainParameters(ctx.files.main, settings) : [];
  return workspaceEdit([{ file: ctx.files.master, edits: master }, { file: ctx.files.main, edits: main }]);
}

function action(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, preferred: boolean): CodeAction {
  const out: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  if (preferred) out.isPreferred = true;
  return out;
}
