/**
 * A real LSP client for tests: spawns the built server (dist/server.js --stdio) and speaks
 * JSON-RPC to it over its stdin/stdout. Waits are on events, never on fixed sleeps.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  Diagnostic, InitializeParams, ProtocolConnection, PublishDiagnosticsParams, StreamMessageReader,
  StreamMessageWriter, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly published: Published[] = [];
  private waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  stderr = '';
  private versions = new Map<string, number>();
  configuration: Record<string, unknown> = {};

  constructor(args: string[] = ['--stdio'], options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}) {
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, ...args], { stdio: 'pipe', env: options.env ?? process.env });
    this.process.stderr.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const entry = { uri: p.uri, version: p.version, diagnostics: p.diagnostics };
      this.published.push(entry);
      this.waiters = this.waiters.filter((w) => (w.test(entry) ? (w.resolve(entry), false) : true));
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'postfix' ? this.configuration : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  async initialize(extra: Partial<InitializeParams> = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
      ...extra,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next publishDiagnostics for `uri` that passes `test`. */
  nextDiagnostics(uri: string, test: (p: Published) => boolean = () => true, timeoutMs = 10000): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ test: (p) => p.uri === uri && test(p), resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  async open(uri: string, text: string, languageId = languageOf(uri)): Promise<Published> {
    this.versions.set(uri, 1);
    const next = this.nextDiagnostics(uri, (p) => p.version === 1 || p.version === undefined);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return next;
  }

  async change(uri: string, text: string): Promise<Published> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const next = this.nextDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return next;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function languageOf(uri: string): string {
  return /master\.cf/.test(uri) ? 'postfix-master' : 'postfix-main';
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}
