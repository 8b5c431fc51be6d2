/**
 * The confirm-then-run step of the commands that change a server, apart from VS Code so a
 * test can show that nothing runs unless the user confirms.
 */
import type { ChangePlan } from './cacheTest';

/** Shows a modal question; resolves true only when the user chose to run. */
export type Confirm = (message: string, detail: string) => Promise<boolean>;

/** The text of the confirmation: every command that will run, one per line, per host. */
export function confirmationDetail(plans: readonly { label: string; plan: ChangePlan }[]): string {
  return plans.map(({ label, plan }) => [`On ${label}:`, ...plan.commands.map((c) => `  ${c}`)].join('\n')).join('\n\n');
}

/**
 * Asks once for all hosts, then runs each plan. Returns whether anything ran. A rejected or
 * dismissed dialog, or an error while asking, runs nothing.
 */
export async function confirmAndRun(
  message: string,
  plans: readonly { label: string; plan: ChangePlan; run: (script: string) => void | Promise<void> }[],
  confirm: Confirm,
): Promise<boolean> {
  if (!plans.length) return false;
  let ok = false;
  try {
    ok = await confirm(message, confirmationDetail(plans));
  } catch {
    ok = false;
  }
  if (ok !== true) return false;
  for (const p of plans) await p.run(p.plan.script);
  return true;
}
