/**
 * postfix-lint --explain-log: reads Postfix log files as streams (gzip-compressed ones
 * too, told by their magic bytes, not their names), oldest first, into the core's log
 * explainer, and prints its report. Memory stays bounded: the files are never held whole.
 */
import { createReadStream, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { AnalysisSettings, LogReport, PostfixLanguageService } from '../core/languageService';
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
  for (const file of options.logs) {
    try {
      await readInto(file, (text) => stream.write(text));
    } catch (e) {
      throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const report = stream.end();
  const output = service.renderLogReport(report, options.format, { nonce: randomBytes(12).toString('base64') });
  return { output, summary: summary(report) };
}

/** Streams a file's text into `write`, gunzipping when it starts with gzip's magic bytes. */
export async function readInto(file: string, write: (text: string) => void): Promise<void> {
  const gzip = await startsWithGzipMagic(file);
  let source: Readable = createReadStream(file, { highWaterMark: 1 << 20 });
  if (gzip) source = source.pipe(createGunzip());
  const decoder = new StringDecoder('utf8');
  await new Promise<void>((resolve, reject) => {
    source.on('data', (chunk: Buffer) => write(decoder.write(chunk)));
    source.on('end', () => {
      write(decoder.end());
      resolve();
    });
    source.on('error', reject);
  });
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file, { start: 0, end: 1 }).on('data', (c) => chunks.push(c as Buffer)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function summary(report: LogReport): string {
  const n = report.receivers.length + report.otherReceivers.count;
  return `postfix-lint: ${report.source}: ${report.lines.total} line${report.lines.total === 1 ? '' : 's'} read, ${report.lines.used} used; ${n} receiver${n === 1 ? '' : 's'}\n`;
}
