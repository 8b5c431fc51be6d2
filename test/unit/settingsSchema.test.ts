/**
 * package.json's contributes.configuration must describe exactly the settings the
 * server reads (SETTINGS_SCHEMA); `npm run sync:settings` rewrites it from the schema.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CODES } from '../../server/core/findings';
import { SETTINGS_SCHEMA, readSettings } from '../../server/core/settingsSchema';
import { ROOT } from '../helpers/lspClient';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('settings schema', () => {
  it('is what package.json contributes (run npm run sync:settings after changing it)', () => {
    assert.deepEqual(manifest.contributes.configuration.properties, JSON.parse(JSON.stringify(SETTINGS_SCHEMA)));
  });

  it('offers a switch for every diagnostic code', () => {
    const switches = manifest.contributes.configuration.properties['postfix.diagnostics'].properties;
    assert.deepEqual(Object.keys(switches).sort(), Object.keys(CODES).sort());
  });

  it('documents every setting in the README settings table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const key of Object.keys(SETTINGS_SCHEMA)) assert.match(readme, new RegExp(`^\\| \`${key.replace('.', '\\.')}\` \\|`, 'm'), key);
  });

  it('reads what a client sends, ignoring junk', () => {
    const s = readSettings({ version: '3.7', diagnostics: { 'inline-comment': false, 'syntax-error': true, bogus: 'no' } });
    assert.equal(s.version, '3.7');
    assert.deepEqual([...s.disabled], ['inline-comment']);
    assert.equal(readSettings({ version: 'latest' }).version, undefined);
    assert.equal(readSettings({ version: 'auto' }, '3.7.11').version, '3.7.11');
    assert.deepEqual(readSettings(null).disabled.size, 0);
  });
});
