/**
 * The manifest and the client, as only a real editor checks them: the languages exist,
 * the extension starts when a main.cf or master.cf opens (not before), and its server answers.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, diagnosticsWhen, open } from './helpers';

describe('activation', () => {
  it('contributes the two languages', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('postfix-main'), 'postfix-main');
    assert.ok(languages.includes('postfix-master'), 'postfix-master');
  });

  it('is not active before a Postfix file is opened', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.equal(ext.isActive, false, 'activation is lazy (onLanguage), not on start-up');
  });

  it('activates for main.cf and its server publishes diagnostics', async () => {
    const doc = await open('postfix/main.cf');
    assert.equal(doc.languageId, 'postfix-main');
    await diagnosticsWhen(doc.uri, (ds) => ds.length > 0, 'diagnostics from the server');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('gives master.cf its own language and checks it', async () => {
    const doc = await open('postfix/master.cf');
    assert.equal(doc.languageId, 'postfix-master');
    await diagnosticsWhen(doc.uri, (ds) => ds.length > 0, 'diagnostics from the server');
  });

  it('recognises main.cf.<suffix> files by their file-name pattern', async () => {
    const doc = await open('staging/main.cf.new');
    assert.equal(doc.languageId, 'postfix-main');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'diagnostics from the server');
    assert.deepEqual(ds.map(codeOf), ['unknown-parameter']);
  });
});
