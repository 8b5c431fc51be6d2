/**
 * The connection the server runs on: over stdio with a reader that survives malformed
 * input (messageReader.ts), or over the transport the command line names. Either way a
 * request cancelled while it still waits in the queue is answered "cancelled" at once,
 * instead of after the work before it.
 */
import {
  Connection, ConnectionOptions, LSPErrorCodes, Message, ProposedFeatures, RequestMessage, ResponseMessage,
  StreamMessageWriter, createConnection,
} from 'vscode-languageserver/node';
import { ResyncingMessageReader } from './messageReader';
import { collectBeforeLargeMessage } from './memory';

const OPTIONS: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message: Message): ResponseMessage | undefined => {
      const request = message as RequestMessage;
      return { jsonrpc: '2.0', id: request.id, error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' } };
    },
  },
};

/** Creates the server's connection from the command line (`--stdio`, `--node-ipc`, ...). */
export function createServerConnection(args: readonly string[]): Connection {
  const connection = args.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all, OPTIONS);
  // The last line of defence: a bug in one handler is logged, not a dead server.
  const report = (what: string) => (e: unknown): void => {
    try {
      connection.console.error(`postfix-language-server: ${what}: ${(e as Error)?.stack ?? String(e)}`);
    } catch {
      // The connection itself is gone; nothing left to tell.
    }
  };
  process.on('uncaughtException', report('uncaught exception'));
  process.on('unhandledRejection', report('unhandled rejection'));
  return connection;
}

function stdioConnection(): Connection {
  const connection = createConnection(ProposedFeatures.all, new ResyncingMessageReader(process.stdin, collectBeforeLargeMessage), new StreamMessageWriter(process.stdout), OPTIONS);
  // What vscode-languageserver does for its own stdio transport: stdout carries only LSP,
  // so console output goes to the client's log, and the server ends with its input.
  const log = (send: (m: string) => void) => (...parts: unknown[]): void => send(parts.map(String).join(' '));
  console.log = log((m) => connection.console.log(m));
  console.info = log((m) => connection.console.info(m));
  console.warn = log((m) => connection.console.warn(m));
  console.error = log((m) => connection.console.error(m));
  console.debug = log((m) => connection.console.log(m));
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const end = (): never => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return connection;
}
