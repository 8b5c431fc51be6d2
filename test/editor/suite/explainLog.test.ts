/**
 * The log explainer in the extension host: a budget lab log (logs/mail.log, a receiver that
 * allowed one session) opens as a Postfix log with a code lens and queue ID go-to;
 * "Postfix: Explain Log" on it, with the lab's main.cf and master.cf open, shows the report
 * in a webview and resolves with it; the report's action writes the inferred cap into the
 * "# @receiver" directive (reverted after).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { LogReport } from '../../../server/core/languageService';
import { open, waitFor } from './helpers';

describe('explain log', () => {
  let log: vscode.TextDocument;
  before(async () => {
    log = await open('logs/mail.log');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens mail.log as a Postfix log, with a code lens to explain it', async () => {
    assert.equal(log.languageId, 'postfix-log');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', log.uri, 10);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [[0, 'Postfix: Explain this log', 'postfix.explainLog']]);
  });

  it('goes from a queue ID to its other lines', async () => {
    const line = log.getText().split('\n').findIndex((l) => l.includes('status=sent'));
    const text = log.lineAt(line).text;
    const id = /: ([0-9A-F]+): to=/.exec(text)![1];
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', log.uri, new vscode.Position(line, text.indexOf(id) + 1));
    assert.ok(found.length >= 3, JSON.stringify(found));
    assert.ok(found.every((l) => log.getText(l.range) === id && l.range.start.line !== line));
  });

  it('explains the log with the configuration open, shows the report and writes the inferred cap', async () => {
    const main = await open('logs/main.cf');
    await open('logs/master.cf');
    await vscode.window.showTextDocument(main, { preview: false });
    const report = await vscode.commands.executeCommand<LogReport>('postfix.explainLog', log.uri);
    assert.ok(report, 'the command resolves with the report');
    const sink = report.receivers[0];
    assert.deepEqual([sink.key, sink.declared?.maxConnections, sink.cap.status, sink.cap.value], ['sink', 3, 'pinned', 1]);
    assert.equal(sink.refusalCount, 15);
    assert.deepEqual(sink.transports, [{ name: 'strict', from: 'configuration' }]);
    const tab = await waitFor({
      event: vscode.window.tabGroups.onDidChangeTabs,
      ready: () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Postfix log: mail.log'),
      describe: () => `a report tab; tabs: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label))}`,
    });
    assert.ok(tab);
    const wrote = await vscode.commands.executeCommand<boolean>('postfix.applyInferredCap', { receiver: 'sink', maxConnections: 1, transports: ['strict'], config: main.uri.toString() });
    assert.equal(wrote, true);
    assert.match(main.getText(), /^# @receiver sink max-connections=1 transports=strict$/m);
    await vscode.window.showTextDocument(main);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.match(main.getText(), /max-connections=3/);
  });
});
