/**
 * package.json is the extension's manifest: the settings it declares must be the server's
 * (one schema, server/core/settingsSchema.ts), and what the editor and the Marketplace read
 * from it must hold. Only editor tests catch the rest (test/editor).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SETTINGS_SCHEMA } from '../../server/core/settingsSchema';
import { ROOT } from '../helpers/lspClient';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('declares exactly the settings the server reads', () => {
    assert.deepEqual(manifest.contributes.configuration.properties, JSON.parse(JSON.stringify(SETTINGS_SCHEMA)),
      'copy server/core/settingsSchema.ts SETTINGS_SCHEMA into contributes.configuration.properties');
  });

  it('restricts in untrusted workspaces only declared settings, and runs where the files are', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.restrictedConfigurations.includes('postfix.version'), 'postfix.version "auto" runs postconf');
    for (const key of untrusted.restrictedConfigurations) assert.ok(key in manifest.contributes.configuration.properties, key);
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });

  it('activates on each language, and each language has its configuration file', () => {
    for (const language of manifest.contributes.languages) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language.id}`), `onLanguage:${language.id}`);
      assert.ok(language.configuration && existsSync(path.join(ROOT, language.configuration)), `${language.id}: configuration file`);
    }
  });

  it('targets a VS Code the editor tests run (code-server 4.100 is VS Code 1.100)', () => {
    const m = /^\^1\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
    assert.ok(m && Number(m[1]) <= 100, manifest.engines.vscode);
  });

  it('has the icon scripts/make-icon.mjs draws', () => {
    assert.ok(existsSync(path.join(ROOT, manifest.icon)));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'make-icon.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('packages the bundles and the docs, and no node_modules', () => {
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.trim().split('\n').sort();
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/client.js', 'dist/server.js', manifest.icon]) assert.ok(files.includes(f), f);
    assert.deepEqual(files.filter((f) => /node_modules|\.map$|\.ts$|^test\/|^out\//.test(f)), []);
  });
});
