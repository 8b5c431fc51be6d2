// The Controlled Cache Test and its Restore, run for real: the real postconf edits a test
// configuration folder; `postfix` is a stand-in that records its arguments, so no running
// Postfix is ever reloaded by a test.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildCacheTestPlan, buildRestorePlan, DiagnoseInputs, validateRequest } from '../../client/diagnose';
import { postconfAvailable } from '../helpers/postconf';
import { BASIC_TOOLS, fakeBin, runScript, scratch, writeConfig } from '../helpers/shell';

// A value with quotes and shell syntax: the restore must put it back byte for byte, inert.
const ODD = `5s # it's "odd" $myhostname \`id\` ; touch MARKER`;
const MAIN_CF = ['compatibility_level = 3.6', `smtp_connection_cache_time_limit = ${ODD}`, 'relay_destination_concurrency_limit = 2', ''].join('\n');
const MASTER_CF = 'relay     unix  -       -       n       -       4       smtp\n';

describe('Controlled Cache Test and Restore, run for real', { skip: !postconfAvailable() && 'postconf is not installed' }, () => {
  const root = scratch();
  const conf = writeConfig(path.join(root, 'etc'), MAIN_CF, MASTER_CF);
  const bin = fakeBin(path.join(root, 'bin'), [...BASIC_TOOLS, 'postconf']);
  const calls = path.join(root, 'postfix-calls');
  writeFileSync(path.join(bin, 'postfix'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(calls)}\n`);
  chmodSync(path.join(bin, 'postfix'), 0o755);
  const env = { PATH: bin, HOME: root };
  const v = validateRequest({ configDirectory: conf, transports: [{ name: 'relay', type: 'unix', program: 'smtp' }] });
  assert.ok(v.ok);
  const inputs = (v as { inputs: DiagnoseInputs }).inputs;
  const saved = path.join(root, '.postfix-lsp-cache-test.saved');
  const explicit = (name: string) => spawnSync('postconf', ['-c', conf, '-n', name], { encoding: 'utf8', env }).stdout;

  it('saves the current values, switches on-demand caching off, shortens the cache time, reloads', () => {
    const run = runScript(buildCacheTestPlan(inputs).script, { cwd: root, env });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(readFileSync(saved, 'utf8'), `smtp_connection_cache_time_limit = ${ODD}\n`);
    assert.equal(explicit('smtp_connection_cache_on_demand'), 'smtp_connection_cache_on_demand = no\n');
    assert.equal(explicit('smtp_connection_cache_time_limit'), 'smtp_connection_cache_time_limit = 1s\n');
    assert.equal(readFileSync(calls, 'utf8'), `-c ${conf} reload\n`);
  });

  it('refuses a second test before a restore (it would save the test values as the originals)', () => {
    const out = runScript(buildCacheTestPlan(inputs).script, { cwd: root, env });
    assert.equal(out.status, 1);
    assert.match(out.stdout, /A cache test already ran here and was not restored/);
    assert.equal(explicit('smtp_connection_cache_time_limit'), 'smtp_connection_cache_time_limit = 1s\n');
  });

  it('Restore puts main.cf back exactly as it was, and reloads', () => {
    const run = runScript(buildRestorePlan(inputs).script, { cwd: root, env });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(readFileSync(path.join(conf, 'main.cf'), 'utf8'), MAIN_CF);
    assert.equal(existsSync(saved), false);
    assert.equal(existsSync(`${saved}.restored`), true);
    assert.equal(readFileSync(calls, 'utf8'), `-c ${conf} reload\n-c ${conf} reload\n`);
    const again = runScript(buildRestorePlan(inputs).script, { cwd: root, env });
    assert.equal(again.status, 1);
    assert.match(again.stdout, /Nothing to restore/);
  });

  it('never ran the shell syntax inside the saved value', () => {
    assert.equal(existsSync(path.join(root, 'MARKER')), false);
  });
});

describe('the restore commands the cache test prints', { skip: !postconfAvailable() && 'postconf is not installed' }, () => {
  it('are exact, and running them by hand restores the value', () => {
    const root = scratch();
    const conf = writeConfig(path.join(root, 'etc'), MAIN_CF, MASTER_CF);
    const bin = fakeBin(path.join(root, 'bin'), [...BASIC_TOOLS, 'postconf']);
    writeFileSync(path.join(bin, 'postfix'), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(bin, 'postfix'), 0o755);
    const env = { PATH: bin, HOME: root };
    const v = validateRequest({ configDirectory: conf });
    assert.ok(v.ok);
    const run = runScript(buildCacheTestPlan((v as { inputs: DiagnoseInputs }).inputs).script, { cwd: root, env });
    const tail = run.stdout.slice(run.stdout.indexOf('=== To restore'));
    const printed = tail.split('\n').slice(1).filter((l) => l.startsWith('  ')).map((l) => l.trim());
    const q = `'${conf}'`;
    assert.deepEqual(printed, [
      `postconf -c ${q} -X smtp_connection_cache_on_demand`,
      `postconf -c ${q} -e 'smtp_connection_cache_time_limit = 5s # it'\\''s "odd" $myhostname \`id\` ; touch MARKER'`,
      `postfix -c ${q} reload`,
    ]);
    const byHand = runScript(printed.join('\n'), { cwd: root, env });
    assert.equal(byHand.status, 0, byHand.stderr);
    assert.equal(readFileSync(path.join(conf, 'main.cf'), 'utf8'), MAIN_CF);
    assert.equal(existsSync(path.join(root, 'MARKER')), false);
  });
});
