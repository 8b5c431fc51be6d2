/**
 * "Postfix: Add Strict Provider Transport...": asks for the transport name, the
 * provider's cap and its domains, then asks the server (postfix/strictProviderEdit) for
 * the edit to main.cf and master.cf and applies it. The text itself is made by the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { checkCap, checkDomain, checkTransportName, splitDomains } from '../../server/core/features/strictProviderInput';
import type { CommandRegistrar } from './index';

export const COMMAND = 'postfix.addStrictProvider';
const TITLE = 'Add Strict Provider Transport';
const LANGUAGES = new Set(['postfix-main', 'postfix-master']);

export const registerStrictProvider: CommandRegistrar = (context, client) => {
  context.subscriptions.push(vscode.commands.registerCommand(COMMAND, () => addStrictProvider(client)));
};

async function addStrictProvider(client: LanguageClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !LANGUAGES.has(document.languageId)) {
    void vscode.window.showErrorMessage('Open the main.cf or master.cf the transport belongs to, then run this command again.');
    return;
  }
  const name = await vscode.window.showInputBox({
    title: `${TITLE} (1/3)`, prompt: 'Name of the new transport (master.cf service), e.g. the provider\'s name', placeHolder: 'orange',
    validateInput: (v) => checkTransportName(v.trim()),
  });
  if (name === undefined) return;
  const cap = await vscode.window.showInputBox({
    title: `${TITLE} (2/3)`, prompt: 'How many sessions the provider accepts at once from this host (its cap)', placeHolder: '3',
    validateInput: checkCap,
  });
  if (cap === undefined) return;
  const domains = await vscode.window.showInputBox({
    title: `${TITLE} (3/3)`, prompt: 'The provider\'s recipient domains, separated by commas', placeHolder: 'orange.fr, wanadoo.fr',
    validateInput: (v) => splitDomains(v).map(checkDomain).find(Boolean),
  });
  if (domains === undefined) return;
  const result = await client.sendRequest<{ edit?: WorkspaceEdit; error?: string }>('postfix/strictProviderEdit', {
    textDocument: { uri: document.uri.toString() }, name: name.trim(), maxConnections: Number(cap), domains: splitDomains(domains),
  });
  if (!result?.edit) {
    void vscode.window.showErrorMessage(result?.error ?? 'The language server did not answer.');
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!edit || !(await vscode.workspace.applyEdit(edit))) void vscode.window.showErrorMessage('The edit could not be applied.');
}
