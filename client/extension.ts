/**
 * The VS Code extension: starts the Postfix language server and registers the palette
 * commands. Everything about Postfix itself lives in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerCommands } from './commands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'postfix-main' },
      { language: 'postfix-master' },
      // Logs: go to definition from a queue ID (the report itself is a request of its own).
      { language: 'postfix-log' },
      { language: 'postfix-map' },
    ],
    synchronize: {
      configurationSection: 'postfix',
      // Tables change beside main.cf too (an edit, a postmap run): either re-checks the configuration.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/{main,master}.cf*'), vscode.workspace.createFileSystemWatcher('**/postfix*/**')],
    },
    initializationOptions: { trusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('postfix', 'Postfix Language Server', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  registerCommands(context, client);
  await client.start();
  recogniseLookupTables(context, client);
}

/**
 * A lookup table with a name of its own (not `transport`, `virtual`, ...) opens as plain
 * text: ask the server whether the main.cf beside it names it, and if so show it as one.
 */
function recogniseLookupTables(context: vscode.ExtensionContext, languageClient: LanguageClient): void {
  const check = async (doc: vscode.TextDocument): Promise<void> => {
    if (doc.languageId !== 'plaintext' || doc.uri.scheme !== 'file') return;
    const isTable = await languageClient.sendRequest<boolean>('postfix/isLookupTable', { uri: doc.uri.toString() }).catch(() => false);
    if (isTable && doc.languageId === 'plaintext' && !doc.isClosed) await vscode.languages.setTextDocumentLanguage(doc, 'postfix-map');
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((doc) => void check(doc)));
  for (const doc of vscode.workspace.textDocuments) void check(doc);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
