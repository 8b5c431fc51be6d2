/**
 * A main.cf + master.cf pair open in the test server, with what the scenario tests need:
 * the current diagnostics of both files, code actions, and applying a WorkspaceEdit to
 * the texts (sent back as changes, like an editor would).
 */
import { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/core/lineIndex';
import { TestClient } from './lspClient';

let counter = 0;

export class ConfigPair {
  readonly mainUri: string;
  readonly masterUri: string;
  readonly texts = new Map<string, string>();

  constructor(readonly client: TestClient, folder = `pair${++counter}`) {
    this.mainUri = `untitled:/${folder}/main.cf`;
    this.masterUri = `untitled:/${folder}/master.cf`;
  }

  /** Opens both files and returns the diagnostics of each. */
  async open(main: string, master: string): Promise<{ main: Diagnostic[]; master: Diagnostic[] }> {
    this.texts.set(this.mainUri, main);
    this.texts.set(this.masterUri, master);
    await this.client.open(this.mainUri, main);
    await this.client.open(this.masterUri, master);
    return this.diagnostics();
  }

  get main(): string {
    return this.texts.get(this.mainUri)!;
  }

  get master(): string {
    return this.texts.get(this.masterUri)!;
  }

  /**
   * The diagnostics last published for each file, after the server has checked every
   * change sent so far (a request answered after the checks is the barrier).
   */
  async diagnostics(): Promise<{ main: Diagnostic[]; master: Diagnostic[] }> {
    await this.client.request('postfix/summary', { textDocument: { uri: this.masterUri } });
    const last = (uri: string): Diagnostic[] => [...this.client.published].reverse().find((p) => p.uri === uri)?.diagnostics ?? [];
    return { main: last(this.mainUri), master: last(this.masterUri) };
  }

  /** All diagnostics of both files with the given code. */
  async withCode(code: string): Promise<{ uri: string; diagnostic: Diagnostic }[]> {
    const d = await this.diagnostics();
    return [
      ...d.main.filter((x) => x.code === code).map((diagnostic) => ({ uri: this.mainUri, diagnostic })),
      ...d.master.filter((x) => x.code === code).map((diagnostic) => ({ uri: this.masterUri, diagnostic })),
    ];
  }

  codeActions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return this.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
  }

  /** Applies a WorkspaceEdit to the texts and sends each changed file to the server. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const text = this.texts.get(uri);
      if (text === undefined) throw new Error(`edit for a file that is not open: ${uri}`);
      const next = applyTextEdits(text, edits);
      this.texts.set(uri, next);
      await this.client.change(uri, next);
    }
  }
}

/** Applies LSP text edits (non-overlapping, in any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText }));
  spans.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
