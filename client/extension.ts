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
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
