/**
 * "Postfix: Add Strict Provider Transport...": asks for the transport name, the
 * provider's cap and its domains, then asks the server (postfix/strictProviderEdit) for
 * the edit to main.cf and master.cf and applies it. The text itself is made by the server.
 * Each answer is checked as it is typed against what the server knows of the configuration
 * (postfix/strictProviderContext): a name master.cf already uses is refused at the first
 * prompt, or, for a transport of our own, accepted as one to convert; domains that a
 * declared receiver already covers get a warning, and the transport joins that receiver.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import {
  StrictProviderContext, checkCap, checkDomain, checkNameIn, coverageWarning, splitDomains,
} from '../../server/core/features/strictProviderInput';
import type { CommandRegistrar } from './index';

export const COMMAND = 'postfix.addStrictProvider';
const TITLE = 'Add Strict Provider Transport';
const LANGUAGES = new Set(['postfix-main', 'postfix-master']);
const NOTHING_KNOWN: StrictProviderContext = { services: [], receivers: [], routes: {} };

export const registerStrictProvider: CommandRegistrar = (context, client) => {
  context.subscriptions.push(vscode.commands.registerCommand(COMMAND, () => addStrictProvider(client)));
};

const message = (text: string | undefined, level: vscode.InputBoxValidationSeverity): vscode.InputBoxValidationMessage | undefined =>
  (text ? { message: text, severity: level } : undefined);

async function addStrictProvider(client: LanguageClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !LANGUAGES.has(document.languageId)) {
    void vscode.window.showErrorMessage('Open the main.cf or master.cf the transport belongs to, then run this command again.');
    return;
  }
  const textDocument = { uri: document.uri.toString() };
  const known = await client.sendRequest<StrictProviderContext | null>('postfix/strictProviderContext', { textDocument }).catch(() => null) ?? NOTHING_KNOWN;
  const severity = vscode.InputBoxValidationSeverity;
  const name = (await vscode.window.showInputBox({
    title: `${TITLE} (1/3)`, prompt: 'Name of the transport (master.cf service), e.g. the provider\'s name; an existing one of your own is converted', placeHolder: 'orange',
    validateInput: (v) => {
      const verdict = checkNameIn(v.trim(), known.services);
      return verdict && message(verdict.message, verdict.severity === 'error' ? severity.Error : severity.Info);
    },
  }))?.trim();
  if (name === undefined) return;
  const counted = known.receivers.find((r) => r.transports.includes(name));
  const cap = await vscode.window.showInputBox({
    title: `${TITLE} (2/3)`, prompt: 'How many sessions the provider accepts at once from this host (its cap)', placeHolder: '3',
    value: counted ? String(counted.maxConnections) : undefined,
    validateInput: (v) => message(checkCap(v), severity.Error),
  });
  if (cap === undefined) return;
  const domains = await vscode.window.showInputBox({
    title: `${TITLE} (3/3)`, prompt: 'The provider\'s recipient domains, separated by commas', placeHolder: 'orange.fr, wanadoo.fr',
    validateInput: (v) => {
      const list = splitDomains(v);
      return message(list.map(checkDomain).find(Boolean), severity.Error) ?? message(coverageWarning(name, list, known), severity.Warning);
    },
  });
  if (domains === undefined) return;
  const result = await client.sendRequest<{ edit?: WorkspaceEdit; error?: string; warning?: string }>('postfix/strictProviderEdit', {
    textDocument, name, maxConnections: Number(cap), domains: splitDomains(domains),
  });
  if (!result?.edit) {
    void vscode.window.showErrorMessage(result?.error ?? 'The language server did not answer.');
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!edit || !(await vscode.workspace.applyEdit(edit))) void vscode.window.showErrorMessage('The edit could not be applied.');
  else if (result.warning) void vscode.window.showWarningMessage(`Postfix: ${result.warning}`);
}
