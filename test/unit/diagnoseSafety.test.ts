import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  buildCacheTestPlan, buildDiagnoseScript, buildRestorePlan, buildWatchScript, DiagnoseInputs, launchCommand,
  shQuote, validateRequest,
} from '../../client/diagnose';
import { postconfAvailable } from '../helpers/postconf';
import { runScript, runScriptAsync, scratch, syntaxErrors, writeConfig } from '../helpers/shell';

// Each hostile value tries to create MARKER in the working folder when a shell reads it.
const HOSTILE = [
  '$(touch MARKER)',
  '`touch MARKER`',
  "x'; touch MARKER; '",
  'x"; touch MARKER; "',
  'x; touch MARKER',
  'x\ntouch MARKER',
  '-oProxyCommand=touch MARKER',
  'x\\$(touch MARKER)',
];

const okTransport = { name: 'relay', type: 'unix', program: 'smtp' };
const okReceiver = { name: 'outlook', maxConnections: 10, transports: ['relay'] };

function allScripts(inputs: DiagnoseInputs): string[] {
  return [buildDiagnoseScript(inputs), buildWatchScript(inputs), buildCacheTestPlan(inputs).script, buildRestorePlan(inputs).script];
}

describe('shQuote', () => {
  it('gives the shell back each hostile value as one literal word, and runs nothing', () => {
    const dir = scratch();
    for (const v of [...HOSTILE, '', "'", "''", 'a b  c', '*', '$HOME', '&|<>(){}!#~']) {
      const r = runScript(`printf '[%s]' ${shQuote(v)}`, { cwd: dir });
      assert.equal(r.stdout, `[${v}]`, `value ${JSON.stringify(v)}`);
    }
    assert.deepEqual(readdirSync(dir), [], 'no MARKER file');
  });
});

describe('validation of every input', () => {
  it('rejects hostile hosts (a leading "-" would be an ssh option)', () => {
    for (const host of [...HOSTILE, '', 'a b', 'host;id', 'host/x', '-p2222', '@host', 'user@-x']) {
      const v = validateRequest({ host });
      assert.equal(v.ok, false, `host ${JSON.stringify(host)} must be rejected`);
      if (!v.ok) assert.equal(v.errors[0].input, 'host');
    }
  });

  it('accepts host names, user@host, ssh aliases, IP addresses and local', () => {
    for (const host of ['mx1.example.com', 'root@10.0.0.5', 'mx-2', 'backup_mx', '2001:db8::25', 'local', 'mx1.example.com.']) {
      const v = validateRequest({ host });
      assert.ok(v.ok, host);
      if (v.ok) assert.deepEqual(v.inputs.target, host === 'local' ? { kind: 'local' } : { kind: 'ssh', host });
    }
  });

  it('rejects hostile or relative configuration directories', () => {
    // Inside the path a leading "-" is harmless; as the whole value it is refused.
    const insidePath = HOSTILE.filter((h) => !h.startsWith('-')).map((h) => `/etc/${h}`);
    for (const dir of [...insidePath, 'etc/postfix', '-c/etc', '/etc/$HOME', 42]) {
      const v = validateRequest({ configDirectory: dir });
      assert.equal(v.ok, false, `configDirectory ${JSON.stringify(dir)} must be rejected`);
    }
  });

  it('rejects a sudo that is not a boolean and ports outside 1..65535', () => {
    assert.equal(validateRequest({ sudo: 'yes; touch MARKER' }).ok, false);
    for (const ports of [[], [0], [65536], [25.5], ['25; touch MARKER'], [NaN]]) {
      assert.equal(validateRequest({ ports }).ok, false, JSON.stringify(ports));
    }
  });

  it('leaves hostile transports out, reports them, and keeps the good ones', () => {
    for (const bad of HOSTILE) {
      const cases = [
        { name: bad, type: 'unix', program: 'smtp' },
        { name: 'relay2', type: bad, program: 'smtp' },
        { name: 'relay3', type: 'unix', program: bad },
      ];
      const v = validateRequest({ transports: [okTransport, ...cases] });
      assert.ok(v.ok);
      if (!v.ok) continue;
      assert.deepEqual(v.inputs.transports, [okTransport]);
      assert.equal(v.skipped.length, 3, `three rejections for ${JSON.stringify(bad)}`);
      for (const script of allScripts(v.inputs)) assert.ok(!script.includes('MARKER'));
    }
  });

  it('leaves hostile receivers and receiver transports out, and receivers with a bad cap', () => {
    for (const bad of HOSTILE) {
      const v = validateRequest({
        transports: [okTransport],
        receivers: [okReceiver, { name: bad, maxConnections: 5, transports: ['relay'] }, { name: 'r2', maxConnections: 5, transports: ['relay', bad] }],
      });
      assert.ok(v.ok);
      if (!v.ok) continue;
      assert.deepEqual(v.inputs.receivers, [okReceiver, { name: 'r2', maxConnections: 5, transports: ['relay'] }]);
      for (const script of allScripts(v.inputs)) assert.ok(!script.includes('MARKER'), JSON.stringify(bad));
    }
    for (const cap of [0, -1, 2.5, '5', NaN, Infinity]) {
      const v = validateRequest({ receivers: [{ name: 'r', maxConnections: cap, transports: [] }] });
      assert.ok(v.ok && v.inputs.receivers.length === 0 && v.skipped.length === 1, `cap ${String(cap)}`);
    }
  });

  it('leaves a hostile or relative path of the edited file out, and reports it (issue 17)', () => {
    const insidePath = HOSTILE.filter((h) => !h.startsWith('-')).map((h) => `/srv/${h}/main.cf`);
    for (const file of [...insidePath, 'relative/main.cf', 42]) {
      const v = validateRequest({ editedFile: file });
      assert.ok(v.ok, JSON.stringify(file));
      if (!v.ok) continue;
      assert.equal(v.inputs.editedFile, undefined, JSON.stringify(file));
      assert.equal(v.skipped[0]?.input, 'edited file', JSON.stringify(file));
      for (const script of allScripts(v.inputs)) assert.ok(!script.includes('MARKER'));
    }
    const good = validateRequest({ editedFile: '/srv/mail config/main.cf' });
    assert.ok(good.ok && good.inputs.editedFile === '/srv/mail config/main.cf');
  });

  it('survives summaries of the wrong shape', () => {
    for (const junk of [null, 42, 'x', {}, [null, 1, 'a', []]]) {
      const v = validateRequest({ transports: junk, receivers: junk });
      assert.ok(v.ok);
      if (v.ok) assert.deepEqual([v.inputs.transports, v.inputs.receivers], [[], []]);
    }
  });
});

describe('quoting is a second wall: values that bypass validation stay inert', () => {
  // Inputs built by hand, skipping validateRequest: every script must still parse and,
  // when run, must not execute the injected commands.
  const hostileInputs = (dir: string, bad: string): DiagnoseInputs => ({
    target: { kind: 'local' },
    configDirectory: path.join(dir, bad),
    sudo: false,
    transports: [{ name: bad, type: 'unix', program: 'smtp' }],
    receivers: [{ name: bad, maxConnections: 3, transports: [bad] }],
    ports: [25],
    editedFile: path.join(dir, bad, 'main.cf'),
  });

  it('every script parses (sh -n) with every hostile value', () => {
    const dir = scratch();
    for (const bad of HOSTILE) {
      for (const script of allScripts(hostileInputs(dir, bad))) assert.equal(syntaxErrors(script), '', JSON.stringify(bad));
    }
  });

  it('running the diagnose script with them creates no marker, and the directory arrives as named', async () => {
    const dir = scratch();
    const runs = await Promise.all(HOSTILE.map((bad) => {
      // The folder really exists under the hostile name, so postconf reads it.
      writeConfig(path.join(dir, bad), 'default_process_limit = 7\n', '');
      return runScriptAsync(buildDiagnoseScript(hostileInputs(dir, bad)), { cwd: dir });
    }));
    assert.equal(existsSync(path.join(dir, 'MARKER')), false);
    HOSTILE.forEach((bad, i) => {
      assert.match(runs[i].stdout, /=== 5\. Verdict/, `ran to the end with ${JSON.stringify(bad)}`);
      // Postfix itself expands `$` in config_directory, so only the others can be read.
      if (postconfAvailable() && !bad.includes('$')) assert.match(runs[i].stdout, /^  default_process_limit = 7$/m, JSON.stringify(bad));
    });
  });
});

describe('launch command', () => {
  it('runs a file locally, or feeds it to sh -s over ssh, with the host after --', () => {
    assert.equal(launchCommand({ kind: 'local' }, '/tmp/d/1-run.sh'), "sh '/tmp/d/1-run.sh'");
    assert.equal(launchCommand({ kind: 'ssh', host: 'root@mx1' }, '/tmp/d/1-run.sh'), "ssh -T -- 'root@mx1' sh -s < '/tmp/d/1-run.sh'");
  });

  it('refuses a script path that is relative or carries shell syntax', () => {
    for (const p of ['d/1.sh', '/tmp/$(touch MARKER).sh', "/tmp/x'.sh", '/tmp/a\nb.sh']) {
      assert.throws(() => launchCommand({ kind: 'local' }, p), /script path/);
    }
  });
});
