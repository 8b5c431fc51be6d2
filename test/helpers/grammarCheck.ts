/**
 * Checks a TextMate grammar for catastrophic backtracking: tokenizes hostile lines in a
 * worker thread and fails any line over a time bound. A line that never finishes (a
 * regex that backtracks exponentially) is caught by terminating the worker, so the test
 * fails instead of hanging.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TokenizeJob, WorkerMessage } from './tokenizeWorker';

export interface GrammarResult {
  problems: string[];
  lines: number;
  slowest?: { line: number; cpuMs: number; preview: string };
}

/** Lines that make a badly written regex backtrack: long runs of what the grammars match. */
export function hostileLines(): string[] {
  const KB100 = 100 * 1024;
  const run = (s: string): string => s.repeat(Math.ceil(KB100 / s.length)).slice(0, KB100);
  return [
    run('$'), run('{'), run('}'), run('('), run(' '), run('\t'), run(' -o'), run('-o '), run('${'), run('$('), run('${x?{'),
    run('${{'), run('#'), run('='), run('a='), run('-oa=b '), run('x'), run('.'), run('/'), run(','), run('\\'), run('"'),
    run('$$'), run('$a'), run('${a}'), run(' = '), run('\ud83d\ude00'),
    `myhostname = ${run('a ')}`, `smtpd_recipient_restrictions = ${run('permit_mynetworks, ')}`,
    `smtp inet n - y - - smtpd ${run('-o smtpd_tls_security_level=encrypt ')}`,
    `mydomain = ${'${x?{'.repeat(5000)}${'}}'.repeat(5000)}`, `  ${run('$')}`, `# ${run('${')}`,
    `relay unix - - n - - smtp ${run('{ ')}`, `a = ${run('$(')}`, run('- '), run('y '), run('n - '),
  ];
}

/**
 * The CPU a line may take: tokenizing is linear in the line's length (a sane grammar takes
 * some 5 ms per KB), and Oniguruma as VS Code ships it stops a runaway match at its retry
 * limit after ~100 ms, so a bad regex shows as a short line that takes far too long.
 */
export const lineBound = (length: number): number => 50 + (20 * length) / 1024;

/** Tokenizes `lines` with the grammar at `grammarPath`; every line must stay under its CPU bound. */
export function checkGrammar(
  grammarPath: string, lines: string[], options: { lineBoundMs?: (length: number) => number; timeoutMs: number },
): Promise<GrammarResult> {
  const boundOf = options.lineBoundMs ?? lineBound;
  const job: TokenizeJob = { grammarPath, lines };
  const worker = new Worker(path.join(__dirname, 'tokenizeWorker.js'), { workerData: job });
  const result: GrammarResult = { problems: [], lines: 0 };
  const preview = (i: number): string => JSON.stringify(lines[i].slice(0, 30)) + (lines[i].length > 30 ? `... (${lines[i].length} characters)` : '');
  let current = -1;
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => {
      const where = current >= 0 ? `tokenizing line ${current} ${preview(current)}` : 'loading the grammar';
      result.problems.push(`${path.basename(grammarPath)}: ${where} did not finish within ${options.timeoutMs} ms (catastrophic backtracking?)`);
      finish();
    }, options.timeoutMs);
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'start') current = m.line;
      else if (m.kind === 'done') {
        result.lines++;
        if (!result.slowest || m.cpuMs > result.slowest.cpuMs) result.slowest = { line: m.line, cpuMs: m.cpuMs, preview: preview(m.line) };
        const bound = Math.round(boundOf(lines[m.line].length));
        if (m.cpuMs > bound) result.problems.push(`${path.basename(grammarPath)}: line ${m.line} ${preview(m.line)} took ${Math.round(m.cpuMs)} ms (bound ${bound} ms)`);
      } else if (m.kind === 'error') {
        result.problems.push(`${path.basename(grammarPath)}: ${m.message}`);
        finish();
      } else finish();
    });
    worker.on('error', (e) => {
      result.problems.push(`${path.basename(grammarPath)}: worker failed: ${e.message}`);
      finish();
    });
  });
}
