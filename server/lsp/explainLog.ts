/**
 * The language server's side of "Postfix: Explain Log...": `postfix/explainLog` reads a log
 * (a file on the machine the server runs on, or the text of an editor) into the core's
 * explainer, reporting work done progress and stopping when the request is cancelled,
 * and answers the report with its HTML. The file is read as a stream, never whole.
 */
import { CancellationToken, Connection, LSPErrorCodes, ProgressToken, ResponseError, TextDocumentIdentifier } from 'vscode-languageserver/node';
import { AnalysisSettings, ConfigFiles, LogReport, PostfixLanguageService } from '../core/languageService';
import { ReadCancelled, readLogFile } from '../logFiles';

export interface ExplainLogParams {
  /** An absolute path on this machine: a file the user chose, or a host's log fetched by the client. */
  path?: string;
  /** The log's text, when it comes from an editor. */
  text?: string;
  /** A name for the report's title. */
  source?: string;
  /** A document of the configuration that wrote the log (its transports, cache times, caps). */
  config?: TextDocumentIdentifier;
  /** When the log was written up to (Unix seconds), for the year of classic timestamps. */
  referenceTime?: number;
  workDoneToken?: ProgressToken;
}

export type ExplainLogResult = { report: LogReport; html: { body: string; style: string } } | { error: string };

/** Text is fed in slices, yielding between them, so a cancellation can arrive. */
const SLICE = 1 << 20;

export function registerExplainLog(
  connection: Connection, service: PostfixLanguageService,
  configOf: (uri: string) => { files: ConfigFiles; settings: AnalysisSettings } | undefined,
): void {
  connection.onRequest('postfix/explainLog', async (params: ExplainLogParams, token: CancellationToken): Promise<ExplainLogResult | ResponseError<void>> => {
    const p = params && typeof params === 'object' ? params : {};
    const hasPath = typeof p.path === 'string' && p.path.startsWith('/');
    if (!hasPath && typeof p.text !== 'string') return { error: 'Give the log as an absolute path or as text.' };
    const source = typeof p.source === 'string' ? p.source.slice(0, 200) : hasPath ? p.path! : 'log';
    const config = typeof p.config?.uri === 'string' ? configOf(p.config.uri) : undefined;
    const referenceTime = typeof p.referenceTime === 'number' && Number.isFinite(p.referenceTime) ? p.referenceTime : undefined;
    const stream = service.explainLog({ source, referenceTime }, config);
    const progress = connection.window.attachWorkDoneProgress(p.workDoneToken);
    progress.begin('Postfix: explaining the log', 0, source, true);
    let shown = 0;
    const report = (done: number, total: number): void => {
      const percent = total ? Math.floor((100 * done) / total) : 0;
      if (percent > shown) progress.report((shown = percent), `${stream.lines.toLocaleString('en-US')} lines`);
    };
    try {
      if (hasPath) await readLogFile(p.path!, (text) => stream.write(text), { progress: report, cancelled: () => token.isCancellationRequested });
      else {
        const text = p.text!;
        for (let i = 0; i < text.length; i += SLICE) {
          if (token.isCancellationRequested) throw new ReadCancelled('cancelled');
          stream.write(text.slice(i, i + SLICE));
          report(i + SLICE, text.length);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const result = stream.end();
      return { report: result, html: service.logReportHtml(result, { actions: true }) };
    } catch (e) {
      if (e instanceof ReadCancelled || token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      const code = (e as NodeJS.ErrnoException).code;
      return { error: `Cannot read ${source}: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}` };
    } finally {
      progress.done();
    }
  });
}
