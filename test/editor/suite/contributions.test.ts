/**
 * The grammar and snippet contributions point at files the extension really carries (run
 * on the installed .vsix too, this catches a file .vscodeignore left out), and each file
 * is what the manifest says: the grammar's scopeName, snippets with a prefix and a body.
 * That the workbench loads and uses them is shown by the snippet completions
 * (completion.test.ts) and the colours checked in the UI smoke test (ui/steps.ts).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
const contributes = ext.packageJSON.contributes as {
  grammars: { language: string; scopeName: string; path: string }[];
  snippets: { language: string; path: string }[];
};

async function readJson(relative: string): Promise<Record<string, unknown>> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, relative));
  return JSON.parse(new TextDecoder().decode(bytes));
}

describe('grammar and snippet contributions', () => {
  it('one grammar per language', () => {
    assert.deepEqual(contributes.grammars.map((g) => `${g.language} ${g.scopeName}`).sort(), [
      'postfix-main source.postfix.main',
      'postfix-map source.postfix.map',
      'postfix-master source.postfix.master',
    ]);
  });

  for (const g of contributes.grammars) {
    it(`${g.path} is in the extension and declares ${g.scopeName}`, async () => {
      const grammar = await readJson(g.path);
      assert.equal(grammar.scopeName, g.scopeName);
      assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0, 'top-level patterns');
      assert.equal(typeof grammar.repository, 'object');
    });
  }

  it('snippets for both languages', () => {
    assert.deepEqual(contributes.snippets.map((s) => s.language).sort(), ['postfix-main', 'postfix-master']);
  });

  for (const s of contributes.snippets) {
    it(`${s.path} is in the extension, each snippet with a prefix and a body`, async () => {
      const snippets = Object.entries(await readJson(s.path)) as [string, { prefix?: unknown; body?: unknown }][];
      assert.ok(snippets.length > 0);
      for (const [name, snippet] of snippets) {
        assert.ok(snippet.prefix && snippet.body, `${name}: prefix and body`);
      }
    });
  }
});
