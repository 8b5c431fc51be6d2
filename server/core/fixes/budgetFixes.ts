/**
 * Quick-fixes for connection-budget: switch connection caching off for a transport, or
 * bring a transport under the receiver's cap (caching off where that is what breaks the
 * budget, then the largest maxproc and per-destination limit that fit, and an initial
 * concurrency of 1; the other transports too when they leave it no room, so one fix
 * gets the receiver under its cap). Both re-read the budget from the configuration, not
 * the message.
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { FeatureContext } from '../features/context';
import { ReceiverBudget, TransportShare, receiverBudgets } from '../model/budget';
import { BudgetPlan, planUnderCap } from './budgetPlan';
import { ParameterGroup, setField, setMainParameterGroups, setServiceOption, transportOwns, workspaceEdit } from './edits';
import { FixBuilder } from './types';

export const connectionBudgetFixes: FixBuilder = (ctx, diagnostic) => {
  const data = (diagnostic.data ?? {}) as { receiver?: string; transport?: string; source?: string };
  const budget = receiverBudgets(ctx.config, ctx.settings.receivers).find((b) => b.receiver.name === data.receiver && b.source === data.source);
  if (!budget || budget.status === 'under') return [];
  const shares = budget.shares.filter((s) => s.visible > 0 && (!data.transport || s.transport === data.transport));
  const actions: CodeAction[] = [];
  for (const share of shares) {
    const plans = plansUnderCap(budget, share);
    const edit = plans && plansEdit(ctx, plans);
    // A plan that changes nothing (the transport is already as small as its share) is no fix.
    if (plans && edit && Object.keys(edit.changes ?? {}).length) {
      const words = plans.map((p, i) => (i === 0 ? describePlan(p.share, p.plan) : `also "${p.share.transport}": ${describePlan(p.share, p.plan)}`));
      actions.push(action(`Bring "${share.transport}" under the cap of ${budget.cap}: ${words.join('; ')}`, diagnostic, edit, actions.length === 0));
    }
  }
  for (const share of shares) {
    if (!share.cachingInEffect) continue;
    const edit = workspaceEdit([{ file: ctx.files.master, edits: cachingOffEdits(ctx, share) }]);
    actions.push(action(`Disable connection caching for "${share.transport}"`, diagnostic, edit, false));
  }
  return actions;
};

/** A transport and what to make of it. */
export interface SharePlan {
  share: TransportShare;
  plan: BudgetPlan;
}

/**
 * The plans that bring the receiver below its cap through `share`: the largest plan for
 * `share` alone when the other transports leave it room; otherwise the others that take
 * more than an even share of what the cap leaves are brought down to it too, and `share`
 * gets the rest, so one fix is enough. When the cap cannot give every transport a session,
 * `share` alone gets its even share (see roomFor) and the fix says only what it changes.
 */
export function plansUnderCap(budget: ReceiverBudget, share: TransportShare): SharePlan[] | undefined {
  const free = budget.cap - 1 - budget.receiver.otherSenders;
  const others = budget.shares.filter((s) => s !== share && s.visible > 0);
  const alone = (room: number): SharePlan[] | undefined => {
    const plan = planUnderCap(share, room);
    return plan && [{ share, plan }];
  };
  const taken = others.reduce((sum, s) => sum + s.visible, 0);
  if (free - taken >= 1 || free < others.length + 1) return alone(roomFor(budget, share));
  const even = Math.floor(free / (others.length + 1));
  const plans: SharePlan[] = [];
  let used = 0;
  for (const other of others) {
    if (other.visible <= even) { used += other.visible; continue; }
    const plan = planUnderCap(other, even);
    if (!plan) return alone(roomFor(budget, share));
    plans.push({ share: other, plan });
    used += plan.visible;
  }
  const mine = planUnderCap(share, free - used);
  return mine && [{ share, plan: mine }, ...plans];
}

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

/** The edits that put plans in place (only what changes), in both files: each transport's main.cf lines together. */
function plansEdit(ctx: FeatureContext, plans: readonly SharePlan[]): WorkspaceEdit {
  const master: TextEdit[] = [];
  const groups: ParameterGroup[] = [];
  for (const { share, plan } of plans) {
    const l = share.limits;
    if (share.cachingInEffect && !plan.caching) master.push(...cachingOffEdits(ctx, share));
    if (ctx.files.master && plan.processLimit !== l.processLimit && Number.isFinite(plan.processLimit)) {
      master.push(setField(ctx.files.master, l.maxprocField, String(plan.processLimit)));
    }
    const pairs: [string, string][] = [];
    if (plan.perDestination !== l.concurrencyLimit) pairs.push([`${share.transport}_destination_concurrency_limit`, String(plan.perDestination)]);
    if (l.initialConcurrency !== 1) pairs.push([`${share.transport}_initial_destination_concurrency`, '1']);
    if (pairs.length) groups.push({ pairs, beside: transportOwns(ctx.config, share.transport) });
  }
  const main = ctx.files.main && groups.length ? setMainParameterGroups(ctx.files.main, groups) : [];
  return workspaceEdit([{ file: ctx.files.master, edits: master }, { file: ctx.files.main, edits: main }]);
}

function action(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, preferred: boolean): CodeAction {
  const out: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  if (preferred) out.isPreferred = true;
  return out;
}
