import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { HOST_PATTERN_SOURCE } from '../../client/diagnose';
import { SETTINGS_SCHEMA } from '../../server/core/settingsSchema';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const KEYS = ['postfix.diagnose.hosts', 'postfix.diagnose.configDirectory', 'postfix.diagnose.sudo'] as const;

describe('diagnose settings and commands in package.json', () => {
  it('declares the diagnose settings exactly as SETTINGS_SCHEMA does', () => {
    for (const k of KEYS) assert.deepEqual(manifest.contributes.configuration.properties[k], JSON.parse(JSON.stringify(SETTINGS_SCHEMA[k])), k);
  });

  it('validates hosts in the settings editor with the pattern the scripts enforce', () => {
    assert.equal(SETTINGS_SCHEMA['postfix.diagnose.hosts'].items.pattern, HOST_PATTERN_SOURCE);
  });

  it('restricts the settings that name hosts, folders or a Postfix to ask in untrusted workspaces', () => {
    const u = manifest.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.deepEqual([...u.restrictedConfigurations].sort(), ['postfix.version', ...KEYS].sort());
  });

  it('contributes the four commands in the Postfix category, enabled only when trusted', () => {
    const cmds = manifest.contributes.commands.filter((c: { command: string }) => c.command.startsWith('postfix.diagnose.'));
    assert.deepEqual(cmds.map((c: { title: string }) => c.title), ['Diagnose Connection Limits...', 'Watch SMTP Sessions...', 'Controlled Cache Test...', 'Restore After Cache Test']);
    for (const c of cmds) assert.deepEqual([c.category, c.enablement], ['Postfix', 'isWorkspaceTrusted']);
  });
});
