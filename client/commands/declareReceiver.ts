/**
 * The command behind the "no receiver declared" code lens over a master.cf transport:
 * inserts the `# @receiver` directive the server made for that transport as a snippet
 * above its entry, so the cap is the first thing to type. Not in the palette: it needs the
 * lens's arguments.
 */
import * as vscode from 'vscode';
import type { CommandRegistrar } from './index';

/** The command id the server puts in the lens (DECLARE_RECEIVER_COMMAND in server/core/features/codeLens.ts). */
export const DECLARE_RECEIVER = 'postfix.declareReceiver';

export const registerDeclareReceiver: CommandRegistrar = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand(DECLARE_RECEIVER, declareReceiver));
};

async function declareReceiver(args: unknown): Promise<boolean> {
  const a = (args && typeof args === 'object' ? args : {}) as { uri?: unknown; line?: unknown; snippet?: unknown };
  if (typeof a.uri !== 'string' || typeof a.line !== 'number' || typeof a.snippet !== 'string') return false;
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(a.uri), { preview: false });
  const at = new vscode.Position(Math.min(a.line, editor.document.lineCount), 0);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  return editor.insertSnippet(new vscode.SnippetString(a.snippet), at);
}
