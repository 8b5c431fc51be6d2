/**
 * The upgrade review through the facade, on crafted configurations: which values change
 * and why, what raising compatibility_level adds, the lines that keep an old default, the
 * names that go away or warn, master.cf's missing services and "-" columns, the
 * connection budget before and after, unreadable lines, and bad releases. (That the
 * values are what each release's postconf prints is test/parity/upgrade.test.ts.)
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigFiles, UpgradeResult, UpgradeReview, createLanguageService } from '../../server/core/languageService';
import { DEFAULT_SETTINGS } from '../../server/core/settings';

const service = createLanguageService();

function review(texts: { main?: string; master?: string }, from: string | undefined, to?: string, version?: string): UpgradeResult {
  const files: ConfigFiles = {};
  if (texts.main !== undefined) files.main = service.parse('main', 'file:///etc/postfix/main.cf', texts.main) as ConfigFiles['main'];
  if (texts.master !== undefined) files.master = service.parse('master', 'file:///etc/postfix/master.cf', texts.master) as ConfigFiles['master'];
  return service.upgradeReview({ files, file: (files.main ?? files.master)!, settings: { ...DEFAULT_SETTINGS, version } }, from, to);
}

function ok(result: UpgradeResult): UpgradeReview {
  assert.ok(result.review, result.error);
  return result.review;
}

const change = (r: UpgradeReview, name: string) => r.parameters.find((p) => p.name === name);

const MAIN = [
  '# @receiver orange max-connections=3 transports=orange',
  'compatibility_level = 2',
  'lmtp_tls_protocols = $smtp_tls_protocols',
  'milter_default_action = tempfail',
  'orange_destination_concurrency_limit = ${{$mail_version} < {3.6} ? {1} : {2}}',
  'maillog_file = /var/log/postfix.log',
  'this is not a setting',
  '',
].join('\n');

const MASTER = [
  'smtp      inet  n       -       -       -       -       smtpd',
  'orange    unix  -       -       -       -       -       smtp',
  'qmgr      unix  n       -       n       300     1       qmgr',
  '',
].join('\n');

describe('upgrade review', () => {
  const r = ok(review({ main: MAIN, master: MASTER }, '3.5', '3.7'));

  it('names the releases as the knowledge base has them (a series is its newest release)', () => {
    assert.deepEqual([r.from.name, r.to.name], ['3.5.27', '3.7.22']);
    assert.equal(r.to.requested, '3.7');
  });

  it('lists a default that changes, with old and new value and where it comes from', () => {
    assert.deepEqual(change(r, 'smtp_tls_protocols'), {
      name: 'smtp_tls_protocols', group: 'tls', kind: 'changed', cause: 'default', docs: 'https://www.postfix.org/postconf.5.html#smtp_tls_protocols',
      old: { text: '!SSLv2, !SSLv3', from: 'default', raw: '!SSLv2, !SSLv3', computed: [] },
      new: { text: '>=TLSv1', from: 'default', raw: '>=TLSv1', computed: [] },
    });
  });

  it('lists a main.cf line whose value changes because a value it reads changes, with its line', () => {
    const c = change(r, 'lmtp_tls_protocols');
    assert.equal(c?.kind, 'changed');
    assert.equal(c?.cause, 'references');
    assert.deepEqual(c?.via, ['smtp_tls_protocols']);
    assert.deepEqual([c?.old?.text, c?.new?.text, c?.new?.from, c?.new?.line], ['!SSLv2, !SSLv3', '>=TLSv1', 'main', 2]);
  });

  it('says what raising compatibility_level to the new release\'s own level would change', () => {
    assert.deepEqual(r.compatibilityLevel, { old: '2', new: '2', raisedTo: '3.7' });
    const c = change(r, 'smtp_tls_fingerprint_digest');
    assert.equal(c?.kind, 'raise-only');
    assert.deepEqual([c?.old?.text, c?.new?.text, c?.raised?.text], ['md5', 'md5', 'sha256']);
    // Already at the new level: nothing to raise.
    const at = ok(review({ main: 'compatibility_level = 3.7\n' }, '3.5', '3.7'));
    assert.equal(at.compatibilityLevel.raisedTo, undefined);
    assert.ok(at.parameters.every((p) => !p.raised));
  });

  it('follows a chain of user-defined names to a default that changes, and leaves alone those that reach none', () => {
    const chain = ok(review({ main: 'a = $b\nb = $smtp_tls_protocols\nlmtp_tls_protocols = $a\nc = $d x\nd = $a\nsmtpd_banner = $c $e\n' }, '3.5', '3.7'));
    assert.deepEqual(['lmtp_tls_protocols', 'smtpd_banner'].map((n) => [change(chain, n)?.old?.text, change(chain, n)?.new?.text]), [
      ['!SSLv2, !SSLv3', '>=TLSv1'], ['!SSLv2, !SSLv3 x', '>=TLSv1 x'],
    ]);
    assert.deepEqual(['a', 'b', 'c', 'd'].map((n) => change(chain, n)?.kind), ['changed', 'changed', 'changed', 'changed']);
    const long = Array.from({ length: 50_000 }, (_, i) => `p${i} = $p${i + 1} x`).join('\n');
    const started = Date.now();
    const quiet = ok(review({ main: `compatibility_level = 3.7\nsmtpd_banner = $p0\n${long}\n` }, '3.7.11', '3.7.22'));
    assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
    assert.deepEqual(quiet.parameters.filter((p) => /^p\d|smtpd_banner/.test(p.name)), []);
  });

  it('pairs a renamed parameter with its new name', () => {
    assert.equal(change(r, 'smtp_per_record_deadline')?.renamedTo, 'smtp_per_request_deadline');
    assert.equal(change(r, 'smtp_per_request_deadline')?.renamedFrom, 'smtp_per_record_deadline');
    assert.equal(change(r, 'smtp_min_data_rate')?.kind, 'added');
  });

  it('tells a line that keeps the old default from one that follows a changed value', () => {
    assert.deepEqual(r.pinned, [{ name: 'milter_default_action', line: 3, value: 'tempfail', oldDefault: 'tempfail', newDefault: 'shutdown' }]);
    assert.equal(change(r, 'milter_default_action'), undefined, 'its value in effect does not change');
  });

  it('shows the connection budget before and after from the budget\'s own functions', () => {
    assert.deepEqual(r.budget.receivers.map((b) => [b.receiver, b.cap, b.old.visible, b.old.status, b.new.visible, b.new.status]), [['orange', 3, 2, 'under', 4, 'over']]);
    assert.deepEqual(r.budget.receivers[0].transports, [{ name: 'orange', old: 2, new: 4, raised: 4 }]);
    assert.match(r.budget.receivers[0].new.line, /^orange: 4 = 4 of 3 \(can reach: expect 421\)$/);
  });

  it('lists the new release\'s own services this master.cf lacks, and whether anything needs them', () => {
    const missing = new Map(r.missingServices.map((s) => [`${s.name}/${s.type}`, s]));
    assert.match(missing.get('postlog/unix-dgram')?.neededBecause ?? '', /^maillog_file is set/);
    assert.equal(missing.get('postlog/unix-dgram')?.command, 'postlogd');
    assert.match(missing.get('anvil/unix')?.neededBecause ?? '', /smtpd_client_connection_count_limit = 50/);
    assert.equal(missing.get('lmtp/unix')?.neededBecause, undefined);
    assert.ok(missing.get('lmtp/unix')?.purpose);
    assert.equal(missing.has('smtp/inet'), false);
    assert.equal(missing.has('qmgr/unix'), false);
  });

  it('says what a "-" column means under each release, and once compatibility_level is raised', () => {
    const chroot = (main: string) => ok(review({ main, master: MASTER }, '3.5', '3.7')).columns.find((c) => c.column === 'chroot');
    assert.deepEqual(chroot('compatibility_level = 2\n'), { column: 'chroot', old: 'n', new: 'n', services: ['smtp/inet', 'orange/unix'] });
    assert.deepEqual(chroot('myhostname = a.example\n'), { column: 'chroot', old: 'y', new: 'y', raised: 'n', services: ['smtp/inet', 'orange/unix'] });
  });

  it('says which lines it could not read and covers the rest', () => {
    assert.deepEqual(r.unreadable.map((u) => [u.file, u.line]), [['main', 6]]);
    assert.ok(r.parameters.length > 0);
  });

  it('lists names the new release drops or warns about, main.cf and -o alike', () => {
    const n = ok(review({
      main: 'smtp_use_tls = yes\ntls_legacy_public_key_fingerprints = no\n',
      master: 'smtp inet n - n - - smtpd\n  -o lmtp_use_tls=yes\n',
    }, '3.7', '3.11')).notices;
    assert.deepEqual(n.map((x) => [x.code, x.file, x.line, x.name, x.replacement ?? null, x.alreadyBefore]), [
      ['deprecated-parameter', 'main', 0, 'smtp_use_tls', 'smtp_tls_security_level', false],
      ['version-mismatch', 'main', 1, 'tls_legacy_public_key_fingerprints', null, false],
      ['deprecated-parameter', 'master', 1, 'lmtp_use_tls', 'lmtp_tls_security_level', false],
    ]);
  });

  it('shows a value computed on the mail server as $name, and what its computation reads', () => {
    const raised = ok(review({ main: 'myhostname = mx.example.com\n' }, '3.5', '3.7'));
    const networks = change(raised, 'mynetworks');
    assert.equal(networks?.kind, 'raise-only');
    assert.deepEqual([networks?.new?.text, networks?.raised?.text], ['$mynetworks', '$mynetworks']);
    assert.match(networks?.new?.inputs?.[0] ?? '', /^\$mynetworks with mynetworks_style = subnet/);
    assert.match(networks?.raised?.inputs?.[0] ?? '', /^\$mynetworks with mynetworks_style = host/);
    // The same computation under both releases is no change.
    assert.equal(change(raised, 'myorigin'), undefined);
  });

  it('reviews the configuration\'s own release when no release to upgrade to is given', () => {
    assert.equal(ok(review({ main: '' }, '3.5', undefined, '3.8.6')).to.name, '3.8.6');
  });

  it('refuses an unknown or malformed release with the list of the known ones', () => {
    for (const [from, to, words] of [['2.11', '3.7', /^Postfix 2\.11 \(the release upgraded from\) is not among the releases known here/], ['3.x', '3.7', /^"3\.x" \(the release upgraded from\) is not a Postfix release/], ['3.5', '3.13', /^Postfix 3\.13 \(the release upgraded to\)/], [undefined, '3.7', /^No release to review upgraded from/]] as const) {
      const result = review({ main: '' }, from, to);
      assert.equal(result.review, undefined);
      assert.match(result.error ?? '', words);
      assert.match(result.error ?? '', /Known releases: 3\.4\.13, 3\.4\.29, .*, 3\.12-20260821 \(a series such as 3\.7 means its newest\)\.$/);
    }
  });

  it('takes a patch release between two known ones as the nearest older, and says so', () => {
    const between = ok(review({ main: '' }, '3.5.26', '3.7'));
    assert.equal(between.from.name, '3.5.25');
    assert.match(between.from.fallback ?? '', /Postfix 3\.5\.26 is not among the releases known here: the nearest older one, 3\.5\.25, is used/);
  });
});
