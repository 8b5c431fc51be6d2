/**
 * "Postfix: Review Upgrade...": asks the release upgraded from and to (defaults:
 * postfix.upgradeFrom, then postfix.version or the installed release), asks the server
 * for the review of the configuration being edited (postfix/upgradeReview) and opens its
 * Markdown report beside the editor, as a read-only document. The report is made by the
 * server; nothing is written to the files.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandRegistrar } from './index';

export const COMMAND = 'postfix.reviewUpgrade';
export const SCHEME = 'postfix-upgrade';
const TITLE = 'Review Upgrade';
const LANGUAGES = new Set(['postfix-main', 'postfix-master']);

interface Releases {
  releases: { name: string; note: string }[];
  upgradeFrom: string | null;
  version: string | null;
}

/** Arguments a caller (a test, a keybinding) may give to skip the questions. */
export interface ReviewArgs {
  from?: string;
  to?: string;
}

/** The reports opened in this session, by uri: a read-only document each. */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  add(title: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title}.md`, query: String(++this.count) });
    this.texts.set(uri.toString(), text);
    return uri;
  }
}

export const registerUpgradeReview: CommandRegistrar = (context, client) => {
  const reports = new Reports();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, reports),
    vscode.commands.registerCommand(COMMAND, (args?: ReviewArgs) => reviewUpgrade(client, reports, args)),
  );
};

/** Runs the review; returns the report's uri (as a string) when one was opened. */
async function reviewUpgrade(client: LanguageClient, reports: Reports, args: ReviewArgs = {}): Promise<string | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !LANGUAGES.has(document.languageId)) {
    void vscode.window.showErrorMessage('Open the main.cf or master.cf of the configuration to review, then run this command again.');
    return undefined;
  }
  let { from, to } = args;
  if (from === undefined || to === undefined) {
    const known = await client.sendRequest<Releases>('postfix/releases');
    from ??= await pick(known, `${TITLE} (1/2): the release the server runs now`, known.upgradeFrom ?? undefined);
    if (from === undefined) return undefined;
    to ??= await pick(known, `${TITLE} (2/2): the release it is upgraded to`, known.version ?? 'latest');
    if (to === undefined) return undefined;
  }
  const answer = await client.sendRequest<{ markdown?: string; error?: string }>('postfix/upgradeReview', {
    textDocument: { uri: document.uri.toString() }, from, to: to === 'latest' ? undefined : to,
  });
  if (!answer?.markdown) {
    void vscode.window.showErrorMessage(answer?.error ?? 'The language server did not answer.');
    return undefined;
  }
  const heading = /^# Upgrade review: Postfix (\S+) → (\S+)/.exec(answer.markdown);
  const uri = reports.add(heading ? `Upgrade ${heading[1]} to ${heading[2]}` : 'Upgrade review', answer.markdown);
  const report = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return uri.toString();
}

/** A quick pick of the known releases, `preferred` first when given. */
async function pick(known: Releases, title: string, preferred?: string): Promise<string | undefined> {
  const items: vscode.QuickPickItem[] = [...known.releases].reverse().map((r) => ({ label: r.name, description: r.note }));
  if (preferred && !items.some((i) => i.label === preferred)) {
    items.unshift({ label: preferred, description: preferred === 'latest' ? 'the newest stable release (postfix.version)' : 'from the settings' });
  } else if (preferred) {
    const at = items.findIndex((i) => i.label === preferred);
    items.unshift(...items.splice(at, 1));
  }
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: 'A Postfix release, e.g. 3.7.11', matchOnDescription: true });
  return chosen?.label;
}
