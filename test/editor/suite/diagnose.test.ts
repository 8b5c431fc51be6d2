/**
 * The read-only diagnose commands open a terminal named after the host. With one host in
 * postfix.diagnose.hosts ("local") they ask nothing (no quick pick, no modal: only the
 * cache test and its restore confirm, and they are not run here), and
 * postfix.diagnose.configDirectory points at a fixture folder. What the script prints
 * depends on the machine, so only the terminal is checked.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { diagnosticsWhen, fixture, open, setSetting, waitFor } from './helpers';

/** Runs `command` and resolves with the terminal it opens, named `name`. */
async function terminalOpenedBy(command: string, name: string): Promise<vscode.Terminal> {
  let opened: vscode.Terminal | undefined;
  const sub = vscode.window.onDidOpenTerminal((t) => { if (t.name === name) opened = t; });
  try {
    const seen = waitFor({
      event: vscode.window.onDidOpenTerminal,
      ready: () => opened,
      describe: () => `a terminal "${name}" from ${command}; open: ${JSON.stringify(vscode.window.terminals.map((t) => t.name))}`,
    });
    await vscode.commands.executeCommand(command);
    return await seen;
  } finally {
    sub.dispose();
  }
}

/** Closes the terminal and resolves once the workbench reports it closed. */
async function close(terminal: vscode.Terminal): Promise<void> {
  const closed = waitFor({ event: vscode.window.onDidCloseTerminal, ready: () => (vscode.window.terminals.includes(terminal) ? undefined : true), describe: () => `"${terminal.name}" closed` });
  terminal.dispose();
  await closed;
}

describe('diagnose commands', () => {
  before(async () => {
    await setSetting('postfix.diagnose.hosts', ['local']);
    await setSetting('postfix.diagnose.configDirectory', fixture('budget').fsPath);
    // The command asks the server for the summary (transports, receivers) of the open file.
    const doc = await open('budget/main.cf');
    await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'budget/main.cf checked');
  });
  after(async () => {
    await setSetting('postfix.diagnose.hosts', undefined);
    await setSetting('postfix.diagnose.configDirectory', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Diagnose Connection Limits opens the terminal "Postfix: local"', async () => {
    const terminal = await terminalOpenedBy('postfix.diagnose.connectionLimits', 'Postfix: local');
    assert.equal(vscode.window.terminals.filter((t) => t.name === 'Postfix: local').length, 1);
    await close(terminal);
  });

  it('Watch SMTP Sessions opens a terminal of its own, "Postfix watch: local"', async () => {
    const terminal = await terminalOpenedBy('postfix.diagnose.watchSessions', 'Postfix watch: local');
    await close(terminal);
  });
});
