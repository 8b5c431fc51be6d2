/**
 * The knowledge base is generated, never hand-edited: regenerating it must give the
 * committed file, and its 3.7.11 facts must agree with the installed postconf -d.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RELEASES, allParamNames, defaultText, isBuiltin, paramFacts, resolveRelease } from '../../server/core/kb/knowledgeBase';
import { ROOT } from '../helpers/lspClient';
import { postconfAvailable, postconfVersion } from '../helpers/postconf';

describe('knowledge base', () => {
  it('is what scripts/gen-kb.mjs generates from the vendored facts', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-kb.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('resolves version settings to release rows', () => {
    assert.equal(resolveRelease(undefined).name, '3.11.6');
    assert.equal(resolveRelease('3.7').name, '3.7.22');
    assert.equal(resolveRelease('3.7.11').name, '3.7.11');
    assert.equal(resolveRelease('3.7.15').name, '3.7.11');
    assert.equal(resolveRelease('3.12').name, '3.12-dev');
    assert.equal(resolveRelease('2.11').name, RELEASES[0]);
    assert.equal(resolveRelease('banana').name, '3.11.6');
  });

  const live = postconfAvailable() ? postconfVersion() : undefined;
  it(`matches the installed postconf -d (${live ?? 'postconf missing'})`, { skip: !live || !RELEASES.includes(live) }, () => {
    const release = resolveRelease(live);
    const out = execFileSync('postconf', ['-c', path.join(ROOT, 'test', 'fixtures', 'empty-config'), '-d'], { encoding: 'utf8' });
    const defaults = new Map(out.split('\n').filter(Boolean).map((l) => {
      const m = /^(\S+) =(?: (.*))?$/.exec(l)!;
      return [m[1], m[2] ?? ''] as [string, string];
    }));
    const ours = allParamNames().filter((n) => isBuiltin(n, release)).sort();
    assert.deepEqual(ours, [...defaults.keys()].sort());
    // Host-dependent defaults (host name, domain, process id, ...) differ per machine.
    const hostDependent = new Set(['myhostname', 'mydomain', 'mynetworks', 'process_id', 'myorigin', 'mydestination', 'inet_interfaces', 'proxy_interfaces', 'config_directory', 'mail_spool_directory', 'daemon_directory', 'shlib_directory', 'meta_directory', 'sample_directory', 'html_directory', 'readme_directory', 'manpage_directory', 'data_directory', 'queue_directory', 'command_directory', 'sendmail_path', 'mailq_path', 'newaliases_path', 'setgid_group', 'mail_owner', 'default_database_type', 'alias_maps', 'alias_database', 'relay_domains', 'smtpd_banner']);
    for (const [name, value] of defaults) {
      if (hostDependent.has(name)) continue;
      assert.equal(defaultText(paramFacts(name)!, release)?.replace(/\s+/g, ' '), value, name);
    }
  });
});
