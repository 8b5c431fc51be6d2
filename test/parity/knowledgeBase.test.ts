/**
 * The knowledge base is generated from the Postfix releases themselves, never hand-edited:
 * regenerating it from each release's postconf and source must give the committed file,
 * and its 3.7.11 facts must agree with the installed Debian package's postconf -d.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RELEASES, allParamNames, defaultText, dependsOnCompatibilityLevel, isBuiltin, isMachineDependent, paramFacts, resolveRelease } from '../../server/core/kb/knowledgeBase';
import { ROOT } from '../helpers/lspClient';
import { postconfAvailable, postconfVersion } from '../helpers/postconf';
import { releasesProblem } from '../helpers/releases';

describe('knowledge base', () => {
  const problem = releasesProblem();
  it('is what scripts/gen-kb.mjs generates from the releases', { skip: problem, timeout: 300_000 }, () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-kb.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('resolves version settings to releases, falling back to the nearest older one', () => {
    const name = (v?: string): string => resolveRelease(v).name;
    assert.equal(name(undefined), '3.11.6');
    assert.equal(name('latest'), '3.11.6');
    assert.equal(name('3.7'), '3.7.22');
    assert.equal(name('3.7.11'), '3.7.11');
    assert.equal(resolveRelease('3.7.11').fallback, undefined);
    assert.equal(name('3.7.15'), '3.7.11');
    assert.match(resolveRelease('3.7.15').fallback!, /Postfix 3\.7\.15 is not among the releases known here: the nearest older one, 3\.7\.11, is used/);
    assert.equal(name('3.12'), '3.12-20260821');
    assert.equal(name('3.12-dev'), '3.12-20260821');
    assert.equal(name('3.12-20260821'), '3.12-20260821');
    assert.equal(name('3.13.1'), '3.12-20260821', 'newer than every release: the newest');
    assert.equal(name('3.12-20250101'), '3.11.6', 'an older snapshot: the last stable release before it');
    assert.equal(name('3.5.12'), '3.5.9', 'a vendor patch release in between');
    assert.equal(name('2.11'), RELEASES[0]);
    assert.match(resolveRelease('2.11').fallback!, /older than every release known here/);
    assert.equal(name('banana'), '3.11.6');
    assert.match(resolveRelease('banana').fallback!, /not a Postfix version/);
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
    // The distribution's build differs from a build from source only where the knowledge
    // base says the default depends on the machine (install paths, host name, ...).
    const differ = [...defaults].filter(([name, value]) => defaultText(paramFacts(name)!, release) !== value).map(([name]) => name);
    assert.deepEqual(differ.filter((n) => !isMachineDependent(n)), []);
  });
});

describe('defaults that follow compatibility_level', () => {
  it('are known per release, through the names a default refers to', () => {
    assert.ok(dependsOnCompatibilityLevel('smtputf8_enable', resolveRelease('3.5')));
    assert.ok(!dependsOnCompatibilityLevel('smtp_tls_security_level', resolveRelease('3.10')));
    assert.ok(dependsOnCompatibilityLevel('smtp_tls_security_level', resolveRelease('3.11')), '3.11 made "may" the default from level 3.11');
    // tlsproxy_client_security_level follows it only through $smtp_tls_security_level.
    assert.ok(dependsOnCompatibilityLevel('tlsproxy_client_security_level', resolveRelease('3.11')));
    assert.ok(!dependsOnCompatibilityLevel('myhostname', resolveRelease('3.11')));
  });
});
