/**
 * package.json's contributes.configuration must describe exactly the settings the
 * server reads (SETTINGS_SCHEMA); `npm run sync:settings` rewrites it from the schema.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CODES } from '../../server/core/diagnosticCodes';
import { SETTINGS_SCHEMA, readSettings } from '../../server/core/settingsSchema';
import { ROOT } from '../helpers/lspClient';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('settings schema', () => {
  it('is what package.json contributes (run npm run sync:settings after changing it)', () => {
    assert.deepEqual(manifest.contributes.configuration.properties, JSON.parse(JSON.stringify(SETTINGS_SCHEMA)));
  });

  it('offers a level for every diagnostic code, each code\'s own severity as the default', () => {
    const diagnostics = manifest.contributes.configuration.properties['postfix.diagnostics'];
    assert.deepEqual(Object.keys(diagnostics.properties).sort(), Object.keys(CODES).sort());
    // The Settings UI shows the object's default: every check in force, none "unchecked".
    assert.deepEqual(diagnostics.default, Object.fromEntries(Object.entries(CODES).map(([code, info]) => [code, info.severity])));
    for (const [code, info] of Object.entries(CODES)) {
      // A level or a boolean, as anyOf: the shape VS Code's Settings UI lets a user edit per code.
      assert.deepEqual(diagnostics.properties[code].anyOf.map((a: { type: string; enum?: string[] }) => [a.type, a.enum]),
        [['string', ['off', 'error', 'warning', 'information', 'hint']], ['boolean', undefined]], code);
      assert.equal(diagnostics.properties[code].default, info.severity, code);
    }
  });

  it('documents every setting in the README settings table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const key of Object.keys(SETTINGS_SCHEMA)) assert.match(readme, new RegExp(`^\\| \`${key.replace('.', '\\.')}\` \\|`, 'm'), key);
  });

  it('reads what a client sends, ignoring junk', () => {
    const s = readSettings({ version: '3.7', diagnostics: { 'inline-comment': false, 'syntax-error': true, bogus: 'no', 'unknown-parameter': 'error', 'scope-mismatch': 'hint', 'option-syntax': 'loud', 'invalid-value': 'error' } });
    assert.equal(s.version, '3.7');
    // false is off; a level replaces the code's own; true, its own severity and junk change nothing.
    assert.deepEqual([...s.levels].sort(), [['inline-comment', 'off'], ['scope-mismatch', 'hint'], ['unknown-parameter', 'error']]);
    assert.equal(readSettings({ version: 'latest' }).version, undefined);
    assert.equal(readSettings({ version: 'auto' }, '3.7.11').version, '3.7.11');
    assert.deepEqual(readSettings(null).levels.size, 0);
  });

  it('defaults postfix.version to auto, and says which release a setting gave and why (issue 17)', () => {
    assert.equal(manifest.contributes.configuration.properties['postfix.version'].default, 'auto');
    const installed = readSettings({ version: 'auto' }, '3.7.11');
    assert.equal(installed.version, '3.7.11');
    assert.equal(installed.versionNote, 'the one installed where the server runs (`postconf -d mail_version`; `postfix.version` is auto)');
    const untrusted = readSettings({ version: 'auto' }, undefined, 'untrusted');
    assert.equal(untrusted.version, undefined);
    assert.equal(untrusted.versionNote, 'the newest release known here: `postfix.version` is auto, but postconf is not run in an untrusted workspace');
    assert.equal(readSettings({ version: 'auto' }, undefined, 'no-answer').versionNote, 'the newest release known here: `postfix.version` is auto, but no postconf answered where the server runs');
    assert.equal(readSettings({ version: 'latest' }).versionNote, 'the newest release known here (`postfix.version` is latest)');
    assert.equal(readSettings({ version: '3.7' }).versionNote, 'as `postfix.version` asks');
    assert.equal(readSettings({}).versionNote, undefined);
  });
});
