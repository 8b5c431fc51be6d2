/**
 * "Postfix: Explain Log..." (and the code lens at the top of an open log): takes a Postfix
 * log from an editor, a file or a host, asks the language server to explain it
 * (postfix/explainLog, with progress and cancel in a notification), and shows the report.
 * A host's log is read with argument arrays only (client/logs/hostLog.ts), from the hosts
 * of postfix.diagnose.hosts validated as Diagnose validates them, in a trusted workspace
 * only. The report's button writes the inferred cap (postfix/receiverCapEdit).
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { LogReport } from '../../server/core/languageService';
import { checkHost, LOCAL_HOST } from '../diagnose/validate';
import type { Target } from '../diagnose/types';
import { hostLogCommands, LogSpan, SPANS } from '../logs/hostLog';
import { fetchLog, LogFolder } from '../logs/fetch';
import { ReportHtml, showReport } from '../logs/reportPanel';
import { readDiagnoseSettings, reportRejections } from './diagnoseRunner';
import type { CommandRegistrar } from './index';

export const EXPLAIN_LOG = 'postfix.explainLog';
/** Used by the report's button; not in the palette. */
export const APPLY_CAP = 'postfix.applyInferredCap';

type Source =
  | { kind: 'editor'; document: vscode.TextDocument }
  | { kind: 'file'; file: string }
  | { kind: 'host'; targets: Target[]; span: LogSpan; sudo: boolean };

type Explained = { report: LogReport; html: ReportHtml } | { error: string };

export const registerExplainLog: CommandRegistrar = (context, client) => {
  const folder = new LogFolder();
  context.subscriptions.push(
    { dispose: () => folder.dispose() },
    vscode.commands.registerCommand(EXPLAIN_LOG, (arg?: unknown) => explainLog(client, folder, arg)),
    vscode.commands.registerCommand(APPLY_CAP, (arg: { receiver: string; maxConnections: number; transports: string[]; config?: string }) => applyCap(client, arg)),
    vscode.languages.registerCodeLensProvider({ language: 'postfix-log' }, {
      provideCodeLenses: (document) => [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: 'Postfix: Explain this log', command: EXPLAIN_LOG, arguments: [document.uri] })],
    }),
  );
};

/** Runs the command; resolves with the report shown (undefined when nothing ran). */
async function explainLog(client: LanguageClient, folder: LogFolder, arg?: unknown): Promise<LogReport | undefined> {
  const source = arg instanceof vscode.Uri ? { kind: 'editor' as const, document: await vscode.workspace.openTextDocument(arg) } : await chooseSource();
  if (!source) return undefined;
  const config = configDocument(source.kind === 'editor' ? source.document.uri : source.kind === 'file' ? vscode.Uri.file(source.file) : undefined);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Postfix: Explain Log', cancellable: true }, async (progress, cancel) => {
    const params = await paramsFor(source, folder, progress, cancel);
    if (!params || cancel.isCancellationRequested) return undefined;
    const token = `postfix-explain-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    let last = 0;
    const sub = client.onProgress(WorkDoneProgress.type, token, (v) => {
      if (v.kind === 'end') return;
      const pct = v.percentage ?? last;
      progress.report({ message: v.message, increment: Math.max(0, pct - last) });
      last = pct;
    });
    try {
      return await client.sendRequest<Explained>('postfix/explainLog', { ...params, config: config && { uri: config.uri.toString() }, workDoneToken: token }, cancel);
    } catch (e) {
      if (!cancel.isCancellationRequested) void vscode.window.showErrorMessage(`Postfix: the log could not be explained: ${(e as Error).message}`);
      return undefined;
    } finally {
      sub.dispose();
    }
  });
  if (!result) return undefined;
  if ('error' in result) {
    void vscode.window.showErrorMessage(`Postfix: ${result.error}`);
    return undefined;
  }
  const { report } = result;
  showReport(`Postfix log: ${report.source}`, result.html, (index) => {
    const r = report.receivers[index];
    if (!r || r.cap.value === undefined) return;
    void vscode.commands.executeCommand(APPLY_CAP, { receiver: r.declared?.name ?? r.key, maxConnections: r.cap.value, transports: r.transports.map((t) => t.name), config: config?.uri.toString() });
  });
  return report;
}

async function chooseSource(): Promise<Source | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  type Item = vscode.QuickPickItem & { pick: () => Promise<Source | undefined> };
  const items: Item[] = [];
  if (active) items.push({ label: `$(file) ${path.basename(active.fileName)}`, description: 'the log in the active editor', pick: async () => ({ kind: 'editor', document: active }) });
  items.push({ label: '$(folder-opened) A file...', description: 'mail.log, maillog, a rotated .gz, a journalctl export', pick: pickFile });
  if (vscode.workspace.isTrusted) items.push({ label: '$(remote) A host...', description: 'the journal or the mail log of postfix.diagnose.hosts, over ssh', pick: pickHost });
  const choice = await vscode.window.showQuickPick(items, { title: 'Postfix: Explain Log', placeHolder: 'Which log' });
  return choice?.pick();
}

async function pickFile(): Promise<Source | undefined> {
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Explain', title: 'Postfix: a log to explain' });
  return files?.[0] ? { kind: 'file', file: files[0].fsPath } : undefined;
}

async function pickHost(): Promise<Source | undefined> {
  const settings = readDiagnoseSettings();
  const hosts = settings.hosts.length ? settings.hosts : [LOCAL_HOST];
  const all = { label: `All ${hosts.length} hosts`, description: 'one lane each', hosts };
  const hostItems = [...(hosts.length > 1 ? [all] : []), ...hosts.map((h) => ({ label: String(h), description: '', hosts: [h] }))];
  const chosen = hostItems.length === 1 ? hostItems[0] : await vscode.window.showQuickPick(hostItems, { title: 'Postfix: Explain Log', placeHolder: 'Whose log' });
  if (!chosen) return undefined;
  const targets: Target[] = [];
  for (const raw of chosen.hosts) {
    const v = checkHost(raw);
    if ('rejection' in v) {
      reportRejections('error', [v.rejection]);
      return undefined;
    }
    targets.push(v.host === LOCAL_HOST ? { kind: 'local' } : { kind: 'ssh', host: v.host });
  }
  const span = await vscode.window.showQuickPick(SPANS.map((s) => ({ label: s.label, id: s.id })), { title: 'Postfix: Explain Log', placeHolder: 'How far back' });
  return span ? { kind: 'host', targets, span: span.id, sudo: settings.sudo === true } : undefined;
}

/** What postfix/explainLog needs for a source; a host's log is fetched into a private file first. */
async function paramsFor(source: Source, folder: LogFolder, progress: vscode.Progress<{ message?: string }>, cancel: vscode.CancellationToken): Promise<Record<string, unknown> | undefined> {
  if (source.kind === 'file') return { path: source.file, source: path.basename(source.file), referenceTime: mtime(source.file) };
  if (source.kind === 'editor') {
    const d = source.document;
    const name = path.basename(d.fileName);
    if (d.uri.scheme === 'file' && !d.isDirty) return { path: d.uri.fsPath, source: name, referenceTime: mtime(d.uri.fsPath) };
    return { text: d.getText(), source: name, referenceTime: Date.now() / 1000 };
  }
  const labels = source.targets.map((t) => (t.kind === 'ssh' ? t.host : 'this machine'));
  const file = folder.next(labels.join('+'));
  const failures: string[] = [];
  for (const [i, target] of source.targets.entries()) {
    progress.report({ message: `reading the log of ${labels[i]}` });
    const fetched = await fetchLog(hostLogCommands(target, source.span, source.sudo), file, {
      onBytes: (n) => progress.report({ message: `reading the log of ${labels[i]}: ${(n / 1e6).toFixed(1)} MB` }),
      cancelled: () => cancel.isCancellationRequested,
    });
    if (!fetched.bytes) failures.push(`${labels[i]}: ${fetched.failures.join('; ')}`);
  }
  if (failures.length === source.targets.length) {
    void vscode.window.showErrorMessage(`Postfix: no Postfix log found. ${failures.join(' | ')}`);
    return undefined;
  }
  if (failures.length) void vscode.window.showWarningMessage(`Postfix: left out: ${failures.join(' | ')}`);
  return { path: file, source: `${labels.join(', ')}: ${SPANS.find((s) => s.id === source.span)!.label}`, referenceTime: Date.now() / 1000 };
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs / 1000;
  } catch {
    return undefined;
  }
}

/**
 * The configuration the log is read with: an open main.cf/master.cf in the log's own
 * folder, else the active one, else the only open configuration folder's; none when
 * several are open and nothing tells which wrote the log.
 */
function configDocument(near?: vscode.Uri): vscode.TextDocument | undefined {
  const isConfig = (d: vscode.TextDocument): boolean => d.languageId === 'postfix-main' || d.languageId === 'postfix-master';
  const configs = vscode.workspace.textDocuments.filter(isConfig);
  const folderOf = (u: vscode.Uri): string => path.dirname(u.path);
  const same = near && configs.find((d) => folderOf(d.uri) === folderOf(near));
  if (same) return same;
  const active = vscode.window.activeTextEditor?.document;
  if (active && isConfig(active)) return active;
  return new Set(configs.map((d) => folderOf(d.uri))).size === 1 ? configs[0] : undefined;
}

/** Writes an inferred cap into the configuration's "# @receiver" directive (or adds one). */
async function applyCap(client: LanguageClient, arg: { receiver: string; maxConnections: number; transports: string[]; config?: string }): Promise<boolean> {
  const uri = arg?.config ?? configDocument()?.uri.toString();
  if (!uri) {
    void vscode.window.showErrorMessage('Postfix: open the main.cf of the host that wrote the log, then press the button again.');
    return false;
  }
  const result = await client.sendRequest<{ edit?: WorkspaceEdit; description?: string; error?: string }>('postfix/receiverCapEdit', {
    textDocument: { uri }, receiver: arg.receiver, maxConnections: arg.maxConnections, transports: arg.transports,
  });
  const edit = result?.edit && (await client.protocol2CodeConverter.asWorkspaceEdit(result.edit));
  if (!edit || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Postfix: ${result?.error ?? 'the edit could not be applied.'}`);
    return false;
  }
  const target = Object.keys(result.edit!.changes ?? {})[0];
  if (target) await vscode.window.showTextDocument(vscode.Uri.parse(target), { preview: false });
  void vscode.window.showInformationMessage(`Postfix: wrote ${result.description}. Save the file to keep it.`);
  return true;
}
