/**
 * A main.cf + master.cf pair open in the test server, with what the scenario tests need:
 * the current diagnostics of both files, code actions, and applying a WorkspaceEdit to
 * the texts (sent back as changes, like an editor would).
 */
import { strict as assert } from 'node:assert';
import { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from './applyEdits';
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

  /**
   * Fixes the diagnostics of `code` one at a time, as a user clicking the quick-fix would:
   * each round takes the first one left and applies its action whose title starts with
   * `titlePrefix` (which must be offered), for at most `rounds` rounds. The caller checks
   * what is left.
   */
  async fixAll({ code, titlePrefix, rounds }: { code: string; titlePrefix: string; rounds: number }): Promise<void> {
    for (let round = 0; round < rounds; round++) {
      const [first] = await this.withCode(code);
      if (!first) return;
      const fix = (await this.codeActions(first.uri, first.diagnostic)).find((a) => a.title.startsWith(titlePrefix));
      assert.ok(fix?.edit);
      await this.apply(fix.edit);
    }
  }

  /** Applies a WorkspaceEdit to the texts and sends each changed file to the server. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const text = this.texts.get(uri);
      if (text === undefined) throw new Error(`edit for a file that is not open: ${uri}`);
      const next = applyEdits(text, edits);
      this.texts.set(uri, next);
      await this.client.change(uri, next);
    }
  }
}
