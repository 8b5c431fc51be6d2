/**
 * postfix-language-server: the LSP server over stdio (`--stdio`), node IPC (`--node-ipc`,
 * used by the VS Code client) or a socket (`--socket=N`), as vscode-languageserver
 * decides from the command line.
 */
import { startServer } from './lsp/server';
import { limitHeapGrowth } from './lsp/memory';
import { createServerConnection } from './lsp/stdio';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`postfix-language-server ${require('../package.json').version}\n`);
  process.exit(0);
}
if (args.includes('--help') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('usage: postfix-language-server --stdio\n  Speaks the Language Server Protocol for Postfix main.cf and master.cf.\n');
  process.exit(args.includes('--help') ? 0 : 2);
}
limitHeapGrowth();
startServer(createServerConnection(args));
