/**
 * The log explainer (docs/log-explainer.md): a Postfix log in, sessions over time, the
 * receiver's cap and the retry waves out. Pure and streaming: hosts feed it text chunks.
 */
import { LogExplainer } from './explainer';
import type { LogExplainOptions, LogReport } from './types';

export type * from './types';
export { logConfiguration } from './configuration';
export { renderText } from './render/text';
export { renderHtmlDocument, renderHtmlParts } from './render/html';
export { queueIdAt, queueIdLines } from './definition';

/** A streaming explainer: write() chunks of the log in order, then end(). */
export interface LogStream {
  write(chunk: string): void;
  end(): LogReport;
  /** Lines read so far. */
  readonly lines: number;
}

export function createLogStream(options: LogExplainOptions): LogStream {
  return new LogExplainer(options);
}
