/**
 * Palette commands that run the connection-limit runbook in a terminal on the mail
 * servers: Diagnose Connection Limits, Watch SMTP Sessions (both read-only), Controlled
 * Cache Test and Restore After Cache Test (both change main.cf, only after a modal
 * confirmation that lists the exact commands). All four run only in a trusted workspace.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  buildCacheTestPlan, buildDiagnoseScript, buildRestorePlan, buildWatchScript, ChangePlan, confirmAndRun,
  DiagnoseInputs, targetLabel, validateRequest,
} from '../diagnose';
import type { CommandRegistrar } from './index';
import { fetchSummary, pickHosts, readDiagnoseSettings, reportRejections, ScriptRunner } from './diagnoseRunner';

/** Command ids, as declared in package.json contributes.commands. */
export const DIAGNOSE_COMMANDS = {
  diagnose: 'postfix.diagnose.connectionLimits',
  watch: 'postfix.diagnose.watchSessions',
  cacheTest: 'postfix.diagnose.cacheTest',
  restore: 'postfix.diagnose.restoreCacheTest',
} as const;

export const registerDiagnoseCommands: CommandRegistrar = (context, client) => {
  const runner = new ScriptRunner();
  context.subscriptions.push(
    runner,
    vscode.commands.registerCommand(DIAGNOSE_COMMANDS.diagnose, () => readOnly(client, runner, { title: 'Diagnose Connection Limits', build: buildDiagnoseScript, purpose: 'Postfix' })),
    vscode.commands.registerCommand(DIAGNOSE_COMMANDS.watch, () => readOnly(client, runner, { title: 'Watch SMTP Sessions', build: buildWatchScript, purpose: 'Postfix watch' })),
    vscode.commands.registerCommand(DIAGNOSE_COMMANDS.cacheTest, () =>
      changing(client, runner, {
        title: 'Controlled Cache Test',
        question: 'Run the controlled cache test? It saves the current values, changes main.cf and reloads Postfix.',
        build: buildCacheTestPlan,
      })),
    vscode.commands.registerCommand(DIAGNOSE_COMMANDS.restore, () =>
      changing(client, runner, {
        title: 'Restore After Cache Test',
        question: 'Restore the values saved by the cache test and reload Postfix?',
        build: buildRestorePlan,
      })),
  );
};

/** Refuses to run in an untrusted workspace: its settings could name hosts and paths. */
function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage('Postfix: the diagnose commands run shell commands, so they run only in a trusted workspace.');
  return false;
}

/** Validated inputs for each chosen host; undefined when nothing should run. */
async function inputsPerHost(client: LanguageClient, title: string): Promise<DiagnoseInputs[] | undefined> {
  if (!trusted()) return undefined;
  const settings = readDiagnoseSettings();
  const hosts = await pickHosts(settings.hosts, `Postfix: ${title}`);
  if (!hosts) return undefined;
  const summary = await fetchSummary(client);
  if (!summary) {
    void vscode.window.showInformationMessage('Postfix: open a main.cf or master.cf to check its transports and receivers; checking the smtp transport only.');
  }
  const out: DiagnoseInputs[] = [];
  for (const host of hosts) {
    const v = validateRequest({
      host, configDirectory: settings.configDirectory, sudo: settings.sudo, transports: summary?.transports, receivers: summary?.receivers, editedFile: summary?.file,
    });
    if (!v.ok) {
      reportRejections('error', v.errors);
      return undefined;
    }
    // The same summary is read for every host; report what it lost only once.
    if (!out.length) reportRejections('warning', v.skipped);
    out.push(v.inputs);
  }
  return out;
}

interface ReadOnlyCommand {
  title: string;
  build: (inputs: DiagnoseInputs) => string;
  /** Terminal name prefix: a watch never ends, so it gets a terminal of its own. */
  purpose: 'Postfix' | 'Postfix watch';
}

async function readOnly(client: LanguageClient, runner: ScriptRunner, cmd: ReadOnlyCommand): Promise<void> {
  const all = await inputsPerHost(client, cmd.title);
  for (const inputs of all ?? []) runner.run(inputs.target, cmd.build(inputs), cmd.purpose);
}

interface ChangingCommand {
  title: string;
  question: string;
  build: (inputs: DiagnoseInputs) => ChangePlan;
}

async function changing(client: LanguageClient, runner: ScriptRunner, cmd: ChangingCommand): Promise<void> {
  const all = await inputsPerHost(client, cmd.title);
  if (!all) return;
  const plans = all.map((inputs) => ({
    label: targetLabel(inputs.target),
    plan: cmd.build(inputs),
    run: (script: string) => runner.run(inputs.target, script, 'Postfix'),
  }));
  const RUN = 'Run';
  await confirmAndRun(`Postfix: ${cmd.question}`, plans, async (message, detail) => {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, RUN);
    return answer === RUN;
  });
}
