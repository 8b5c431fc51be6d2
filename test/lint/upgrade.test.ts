/**
 * postfix-lint --upgrade-from: the upgrade review printed as text, JSON or SARIF by the
 * built dist/lint.js, and the exit status a CI job gates an upgrade on.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Log } from 'sarif';
import { ROOT } from '../helpers/lspClient';

const LINT = path.join(ROOT, 'dist', 'lint.js');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

function lint(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LINT, ...args], { cwd, encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('postfix-lint --upgrade-from', () => {
  let tmp: string;
  const write = (dir: string, files: Record<string, string>): string => {
    const d = path.join(tmp, dir);
    mkdirSync(d, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
    return d;
  };
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'postfix-lint-upgrade-'));
    write('removed', { 'main.cf': 'compatibility_level = 3.10\ntls_legacy_public_key_fingerprints = no\n' });
    write('budget', {
      'main.cf': '# @receiver orange max-connections=3 transports=orange\ncompatibility_level = 3.7\norange_destination_concurrency_limit = ${{$mail_version} < {3.6} ? {1} : {2}}\n',
      'master.cf': 'orange unix - - n - - smtp\n',
    });
    write('same', { 'main.cf': 'compatibility_level = 3.7\nmilter_default_action = tempfail\n', 'master.cf': 'smtp inet n - n - - smtpd\n' });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints the review of a corpus configuration as text, and exits 0 when nothing breaks', () => {
    const r = lint(['--upgrade-from', '3.5', '--postfix-version', '3.7', path.join(CORPUS, 'debian-bookworm')], ROOT);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Upgrade review: Postfix 3\.5\.27 -> 3\.7\.22 \(.*debian-bookworm\)$/m);
    assert.match(r.stdout, /^  smtpd_tls_protocols: 3\.5\.27 "!SSLv2, !SSLv3" -> 3\.7\.22 ">=TLSv1" \(the default changes\)$/m);
    assert.match(r.stdout, /^In short: \d+ values in effect change;/m);
  });

  it('exits 1 when a name the configuration sets goes unused, or (--strict) on any change', () => {
    const removed = lint(['--upgrade-from', '3.10', '--postfix-version', '3.11', 'removed'], tmp);
    assert.equal(removed.status, 1);
    assert.match(removed.stdout, /^  main\.cf:2: Postfix 3\.11\.6, the release checked against, does not have "tls_legacy_public_key_fingerprints".* \(new with 3\.11\.6\)$/m);
    assert.equal(lint(['--upgrade-from', '3.7.22', '--postfix-version', '3.7.22', 'same'], tmp).status, 0);
    assert.equal(lint(['--upgrade-from', '3.7.11', '--postfix-version', '3.7.22', '--strict', 'same'], tmp).status, 1);
    assert.equal(lint(['--upgrade-from', '3.7.22', '--postfix-version', '3.7.22', '--strict', 'same'], tmp).status, 0);
  });

  it('exits 1 when a receiver goes over its cap, and shows the budget before and after', () => {
    const r = lint(['--upgrade-from', '3.5', '--postfix-version', '3.7', 'budget'], tmp);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^  receiver orange: 3\.5\.27 2 of 3 \(under the cap\) -> 3\.7\.22 4 of 3 \(over the cap: expect 421\)$/m);
  });

  it('--format json: the structured review per configuration', () => {
    const r = lint(['--upgrade-from', '3.5', '--postfix-version', '3.7', '--format', 'json', 'same'], tmp);
    const json = JSON.parse(r.stdout) as { tool: string; upgrades: { directory: string; from: { name: string }; to: { name: string }; pinned: { name: string }[]; parameters: { name: string }[] }[] };
    assert.equal(json.tool, 'postfix-lint');
    assert.deepEqual(json.upgrades.map((u) => [u.directory, u.from.name, u.to.name]), [['same', '3.5.27', '3.7.22']]);
    assert.deepEqual(json.upgrades[0].pinned.map((p) => p.name), ['milter_default_action']);
    assert.ok(json.upgrades[0].parameters.some((p) => p.name === 'smtp_tls_protocols'));
  });

  it('--format sarif: each change a result on its line, the review in the run\'s properties', () => {
    const r = lint(['--upgrade-from', '3.10', '--postfix-version', '3.11', '--format', 'sarif', 'removed'], tmp);
    const log = JSON.parse(r.stdout) as Log;
    const results = log.runs[0].results ?? [];
    const gone = results.find((x) => x.ruleId === 'version-mismatch');
    assert.equal(gone?.locations?.[0].physicalLocation?.region?.startLine, 2);
    assert.equal(gone?.locations?.[0].physicalLocation?.artifactLocation?.uri, 'removed/main.cf');
    assert.ok(results.some((x) => x.ruleId === 'upgrade-changed-default' && x.level === 'note'));
    assert.deepEqual(log.runs[0].tool.driver.rules?.map((x) => x.id), ['upgrade-changed-default', 'version-mismatch', 'deprecated-parameter', 'connection-budget']);
    assert.ok((log.runs[0].properties as { upgrades: unknown[] }).upgrades.length === 1);
  });

  it('refuses an unknown or malformed release with exit 2, listing the known releases', () => {
    for (const [from, to] of [['2.11', '3.7'], ['three', '3.7'], ['3.5', '3.13']]) {
      const r = lint(['--upgrade-from', from, '--postfix-version', to, 'same'], tmp);
      assert.equal(r.status, 2, `${from} -> ${to}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^postfix-lint: .* Known releases: 3\.4\.13, 3\.4\.29, .*3\.12-20260821 \(a series such as 3\.7 means its newest\)\.\n$/);
    }
  });
});
