/**
 * The VS Code side of Diagnose: reading the settings, picking hosts, asking the language
 * server for the configuration summary, and running a script file in a terminal named
 * after its host. The scripts themselves come from ../diagnose (no VS Code there).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { launchCommand, LOCAL_HOST, Rejection, Target, terminalName } from '../diagnose';

/** The `postfix.diagnose.*` settings, unvalidated (../diagnose validates them). */
export interface DiagnoseSettings {
  hosts: unknown[];
  configDirectory: unknown;
  sudo: unknown;
}

export function readDiagnoseSettings(): DiagnoseSettings {
  const cfg = vscode.workspace.getConfiguration('postfix.diagnose');
  const hosts = cfg.get<unknown>('hosts');
  return { hosts: Array.isArray(hosts) ? hosts : [], configDirectory: cfg.get('configDirectory'), sudo: cfg.get('sudo') };
}

/**
 * The hosts to run on: this machine when none are set, the only one when there is one,
 * else the user's choice from a quick pick (one host, or all of them, one terminal each).
 * Undefined when the user dismissed the pick.
 */
export async function pickHosts(hosts: unknown[], title: string): Promise<unknown[] | undefined> {
  if (!hosts.length) return [LOCAL_HOST];
  if (hosts.length === 1) return hosts;
  const all = { label: `All ${hosts.length} hosts`, description: 'one terminal per host', hosts };
  const items = [all, ...hosts.map((h) => ({ label: String(h), description: '', hosts: [h] }))];
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: 'Where to run' });
  return choice?.hosts;
}

/** The open main.cf/master.cf to summarise: the active editor's, else any open one. */
function postfixDocument(): vscode.TextDocument | undefined {
  const isPostfix = (d: vscode.TextDocument): boolean => d.languageId === 'postfix-main' || d.languageId === 'postfix-master';
  const active = vscode.window.activeTextEditor?.document;
  if (active && isPostfix(active)) return active;
  return vscode.workspace.textDocuments.find(isPostfix);
}

/**
 * Asks the language server for `postfix/summary` of the configuration being edited. The
 * answer is not trusted: ../diagnose validates every name in it before use.
 */
export async function fetchSummary(client: LanguageClient): Promise<{ transports?: unknown; receivers?: unknown; file?: string } | undefined> {
  const doc = postfixDocument();
  if (!doc) return undefined;
  // Said in the output: the transports and receivers come from this file, not from the server's configuration.
  const file = doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
  try {
    const answer: unknown = await client.sendRequest('postfix/summary', { textDocument: { uri: doc.uri.toString() } });
    return answer && typeof answer === 'object' ? { ...(answer as { transports?: unknown; receivers?: unknown }), file } : undefined;
  } catch {
    return undefined;
  }
}

/** Shows what was refused, without ever echoing a value into a terminal. */
export function reportRejections(kind: 'error' | 'warning', rejected: readonly Rejection[]): void {
  if (!rejected.length) return;
  const lines = rejected.map((r) => `${r.input} ${JSON.stringify(r.value)} ${r.reason}`);
  const text = kind === 'error' ? `Postfix: not run: ${lines.join('; ')}` : `Postfix: left out of the checks: ${lines.join('; ')}`;
  if (kind === 'error') void vscode.window.showErrorMessage(text);
  else void vscode.window.showWarningMessage(text);
}

/**
 * Writes scripts to a private temporary folder (mode 0700, files 0600) and runs them in
 * terminals. Each run gets a new file, so a running script is never overwritten.
 */
export class ScriptRunner implements vscode.Disposable {
  private dir: string | undefined;
  private count = 0;

  /** Runs `script` on `target` in the terminal named after the host (a new one for watches). */
  run(target: Target, script: string, purpose: 'Postfix' | 'Postfix watch'): void {
    const file = this.write(script, purpose === 'Postfix' ? 'run' : 'watch');
    const name = terminalName(target, purpose);
    // A watch never ends by itself, so each one gets its own terminal; other runs reuse
    // the host's terminal when it is still open.
    const existing = purpose === 'Postfix' ? vscode.window.terminals.find((t) => t.name === name && t.exitStatus === undefined) : undefined;
    const terminal = existing ?? vscode.window.createTerminal({ name });
    terminal.show();
    terminal.sendText(launchCommand(target, file), true);
  }

  private write(script: string, kind: string): string {
    this.dir ??= mkdtempSync(path.join(os.tmpdir(), 'postfix-diagnose-'));
    const file = path.join(this.dir, `${++this.count}-${kind}.sh`);
    writeFileSync(file, script, { mode: 0o600 });
    return file;
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
