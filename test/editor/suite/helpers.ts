/**
 * Helpers for the extension-host tests: open fixture files, wait for diagnostics and
 * settings to take effect. Every wait is on an editor event with a deadline, never a sleep.
 */
import * as vscode from 'vscode';

/** publisher.name from package.json. */
export const EXTENSION_ID = 'postfix-lsp.postfix-mta-config';

/** A file of the fixture workspace (test/fixtures/editor-workspace). */
export function fixture(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: the runner opens test/fixtures/editor-workspace');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Opens a fixture file in an editor, as a user would. */
export async function open(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixture(relative));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Resolves once `ready` holds, re-testing on each `event`; rejects with `describe()` after the deadline. */
export function waitFor<T>(args: {
  event: vscode.Event<unknown>;
  ready: () => T | undefined;
  describe: () => string;
  timeoutMs?: number;
}): Promise<T> {
  const first = args.ready();
  if (first !== undefined) return Promise.resolve(first);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${args.timeoutMs ?? 20_000} ms: ${args.describe()}`));
    }, args.timeoutMs ?? 20_000);
    const sub = args.event(() => {
      const value = args.ready();
      if (value === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** Our diagnostics on `uri` once `test` accepts them. */
export function diagnosticsWhen(uri: vscode.Uri, test: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'postfix');
  return waitFor({
    event: vscode.languages.onDidChangeDiagnostics,
    ready: () => (test(ours()) ? ours() : undefined),
    describe: () => `${what} on ${uri.path}; have ${JSON.stringify(ours().map(summary))}`,
  });
}

/** A diagnostic's code (VS Code gives `{ value, target }` when the code links to its documentation). */
export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** code@line:char-line:char, a compact form to compare diagnostics exactly. */
export function summary(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function codes(ds: readonly vscode.Diagnostic[]): string[] {
  return ds.map(summary).sort();
}

/**
 * Sets a user setting and resolves when the extension host sees it. The server is told
 * through the language client's configuration sync; callers then wait for its effect.
 */
export async function setSetting(section: string, value: unknown): Promise<void> {
  const [head, ...rest] = section.split('.');
  const key = rest.join('.');
  const seen = waitFor({
    event: vscode.workspace.onDidChangeConfiguration,
    ready: () => (JSON.stringify(vscode.workspace.getConfiguration(head).inspect(key)?.globalValue) === JSON.stringify(value) ? true : undefined),
    describe: () => `setting ${section} to ${JSON.stringify(value)}`,
  });
  await vscode.workspace.getConfiguration(head).update(key, value, vscode.ConfigurationTarget.Global);
  await seen;
}
