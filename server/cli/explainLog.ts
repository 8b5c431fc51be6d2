/**
 * postfix-lint --explain-log: reads Postfix log files as streams (../logFiles.ts: gzip too),
 * oldest first, into the core's log explainer, and prints its report. Memory stays
 * bounded: the files are never held whole.
 */
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { AnalysisSettings, LogReport, PostfixLanguageService } from '../core/languageService';
import { readLogFile } from '../logFiles';
import { InputError, loadTargets } from './load';
import type { ExplainOptions } from './options';

/** Reads the files into one explainer and returns the rendered report and a summary line. */
export async function explainLogs(service: PostfixLanguageService, options: ExplainOptions): Promise<{ output: string; summary: string }> {
  for (const file of options.logs) {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      throw new InputError(`${file}: no such file or directory`);
    }
    if (!isFile) throw new InputError(`${file}: not a regular file`);
  }
  const settings: AnalysisSettings = { version: options.version, levels: new Map(), receivers: [] };
  const config = options.config === undefined ? undefined : { files: loadTargets(service, [options.config])[0].files, settings };
  const last = options.logs[options.logs.length - 1];
  const stream = service.explainLog({ source: options.logs.map((f) => path.basename(f)).join(', '), referenceTime: statSync(last).mtimeMs / 1000 }, config);
  boundHeapGrowth();
  for (const file of options.logs) {
    try {
      await readLogFile(file, (text) => stream.write(text));
    } catch (e) {
      throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const report = stream.end();
  const output = service.renderLogReport(report, options.format, { nonce: randomBytes(12).toString('base64') });
  return { output, summary: summary(report) };
}

function summary(report: LogReport): string {
  const n = report.receivers.length + report.otherReceivers.count;
  return `postfix-lint: ${report.source}: ${report.lines.total} line${report.lines.total === 1 ? '' : 's'} read, ${report.lines.used} used; ${n} receiver${n === 1 ? '' : 's'}\n`;
}

/**
 * What the explainer keeps is small (about 25 MB after a full collection, at 100 MB of log
 * as at 1 GB), but it makes garbage fast, and V8 then lets the heap grow to several times
 * what is live: the peak rose with the log's size, 190 MB at 100 MB, 250 MB at 1 GB, 305 MB
 * at 3 GB. Letting the old generation grow by at most 100% of what is live after each full
 * collection bounds the peak by what is live, whatever the size, for about a tenth more
 * time (docs/performance.md). The flag can be set after start; the process is ours.
 */
function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=100');
}
