/**
 * Worker thread for grammarCheck.ts: tokenizes lines with one TextMate grammar, as VS Code
 * does (vscode-textmate over the Oniguruma WASM build), continuing the rule stack from
 * line to line. Before each line it reports which line it starts, so the parent knows
 * where a catastrophic regex hangs and can terminate the worker.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export interface TokenizeJob {
  grammarPath: string;
  lines: string[];
}

export type WorkerMessage =
  | { kind: 'start'; line: number }
  | { kind: 'done'; line: number; cpuMs: number; tokens: number }
  | { kind: 'error'; message: string }
  | { kind: 'finished' };

async function main(job: TokenizeJob): Promise<void> {
  const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
  const wasm = readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const raw = JSON.parse(readFileSync(job.grammarPath, 'utf8')) as { scopeName: string };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
      createOnigString: (text: string) => oniguruma.createOnigString(text),
    }),
    loadGrammar: async (scope: string) => (scope === raw.scopeName ? textmate.parseRawGrammar(JSON.stringify(raw), job.grammarPath) : null),
  });
  const grammar = await registry.loadGrammar(raw.scopeName);
  if (!grammar) throw new Error(`${job.grammarPath}: the grammar for ${raw.scopeName} did not load`);
  // Untimed warm-up: the first lines compile the grammar's scanners, a one-off cost that
  // would otherwise be charged to whichever hostile line comes first.
  for (const warm of ['myhostname = mail.example.com', 'a = ${x?{$y}:{z}} $(b) # c', '# comment', 'smtp inet n - y - - smtpd -o { a = b }']) {
    grammar.tokenizeLine(warm, textmate.INITIAL);
  }
  let state = textmate.INITIAL;
  for (const [i, line] of job.lines.entries()) {
    post({ kind: 'start', line: i });
    const before = process.cpuUsage();
    const result = grammar.tokenizeLine(line, state);
    const used = process.cpuUsage(before);
    state = result.ruleStack;
    post({ kind: 'done', line: i, cpuMs: (used.user + used.system) / 1000, tokens: result.tokens.length });
  }
  post({ kind: 'finished' });
}

main(workerData as TokenizeJob).catch((e: Error) => parentPort!.postMessage({ kind: 'error', message: e.stack ?? String(e) }));
