// LSP-level measurements against the built server (dist/server.js --stdio), as an editor
// would see them: didChange -> publishDiagnostics, hover and completion round trips, and
// cold start (process start -> first diagnostics).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const root = new URL('../..', import.meta.url).pathname;
const SERVER = join(root, 'dist', 'server.js');

/** Starts the server, initializes it, and returns helpers to drive it. */
export async function startServer() {
  const flags = process.env.BENCH_SERVER_FLAGS ? process.env.BENCH_SERVER_FLAGS.split(' ') : [];
  const child = spawn(process.execPath, [...flags, SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of waiters.splice(0)) {
      if (w.test(p)) w.resolve(p);
      else waiters.push(w);
    }
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  const diagnostics = (uri, version) =>
    new Promise((resolve) => waiters.push({ test: (p) => p.uri === uri && (version === undefined || p.version === version), resolve }));
  /** The server's peak resident memory so far (Linux: VmHWM), in MB. */
  const peakRssMb = () => {
    const status = `/proc/${child.pid}/status`;
    if (!existsSync(status)) return undefined;
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  };
  const stop = async () => {
    try {
      await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await connection.sendNotification('exit');
    } catch {
      // already gone
    }
    // Let it exit by itself (a --cpu-prof profile is written on exit), then make sure.
    await new Promise((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', r);
      setTimeout(r, 3000);
    });
    connection.dispose();
    child.kill();
  };
  return { connection, diagnostics, stop, child, peakRssMb };
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/**
 * Opens DIR/main.cf and DIR/master.cf, then edits one line in the middle of main.cf
 * `warmup + edits` times (incremental didChange), timing each change until its
 * diagnostics arrive (the first `warmup` reported apart); also times hover and completion
 * requests in the middle of the file.
 */
export async function measureLsp(dir, { edits = 40, requests = 40, warmup = 0 } = {}) {
  const server = await startServer();
  const { connection } = server;
  const mainUri = pathToFileURL(join(dir, 'main.cf')).href;
  const masterUri = pathToFileURL(join(dir, 'master.cf')).href;
  const mainText = readFileSync(join(dir, 'main.cf'), 'utf8');
  const lines = mainText.split('\n');
  const mid = Math.floor(lines.length / 2);
  const opened = server.diagnostics(mainUri, 1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: masterUri, languageId: 'postfix-master', version: 1, text: readFileSync(join(dir, 'master.cf'), 'utf8') } });
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: mainUri, languageId: 'postfix-main', version: 1, text: mainText } });
  await opened;
  if (process.env.BENCH_VERBOSE) process.stderr.write(`[bench] server peak RSS after opening: ${server.peakRssMb()} MB\n`);
  const change = [];
  for (let i = 0; i < warmup + edits; i++) {
    const version = 2 + i;
    const line = mid + (i % 20);
    const old = lines[line];
    lines[line] = `bench_edit = ${i}`;
    const done = server.diagnostics(mainUri, version);
    const t0 = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: mainUri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: lines[line] }],
    });
    await done;
    change.push(performance.now() - t0);
  }
  // The first edits after opening run before V8 has optimised the hot paths: reported
  // apart, so the steady state (what typing feels like) is not hidden by them, nor them by it.
  const first = change.splice(0, warmup);
  const position = { line: mid + 25, character: 2 };
  const hover = [];
  const completion = [];
  for (let i = 0; i < requests; i++) {
    let t0 = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri: mainUri }, position });
    hover.push(performance.now() - t0);
    t0 = performance.now();
    await connection.sendRequest('textDocument/completion', { textDocument: { uri: mainUri }, position: { line: mid + 25, character: 3 } });
    completion.push(performance.now() - t0);
  }
  const serverPeakRssMb = server.peakRssMb();
  await server.stop();
  if (process.env.BENCH_VERBOSE) process.stderr.write(`[bench] change latencies: ${[...first, ...change].map((t) => t.toFixed(1)).join(' ')}\n`);
  return {
    serverPeakRssMb,
    firstChangesP50: first.length ? percentile(first, 50) : undefined,
    firstChangesP95: first.length ? percentile(first, 95) : undefined,
    changeP50: percentile(change, 50), changeP95: percentile(change, 95),
    hoverP50: percentile(hover, 50), hoverP95: percentile(hover, 95),
    completionP50: percentile(completion, 50), completionP95: percentile(completion, 95),
  };
}

/** Process start to the first diagnostics of DIR/main.cf (master.cf read from disk). */
export async function measureColdStart(dir, runs = 10) {
  const times = [];
  const text = readFileSync(join(dir, 'main.cf'), 'utf8');
  const uri = pathToFileURL(join(dir, 'main.cf')).href;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const server = await startServer();
    const got = server.diagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
    await got;
    times.push(performance.now() - t0);
    await server.stop();
  }
  return { coldStartP50: percentile(times, 50), coldStartMax: Math.max(...times) };
}
