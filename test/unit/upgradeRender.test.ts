/** The upgrade review's reports: Markdown for the editor, text for postfix-lint; what comes from the files cannot add markup. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigFiles, UpgradeReview, createLanguageService, renderUpgradeMarkdown, renderUpgradeText } from '../../server/core/languageService';
import { DEFAULT_SETTINGS } from '../../server/core/settings';

const service = createLanguageService();

function review(main: string, master: string, from: string, to: string): UpgradeReview {
  const files: ConfigFiles = {
    main: service.parse('main', 'file:///etc/postfix/main.cf', main) as ConfigFiles['main'],
    master: service.parse('master', 'file:///etc/postfix/master.cf', master) as ConfigFiles['master'],
  };
  const result = service.upgradeReview({ files, file: files.main!, settings: { ...DEFAULT_SETTINGS, version: to } }, from, to);
  assert.ok(result.review, result.error);
  return result.review;
}

const HOSTILE = [
  '# @receiver orange max-connections=3 transports=<b>x</b>',
  'lmtp_tls_protocols = $smtp_tls_protocols <img src=x onerror=alert(1)> ``[link](javascript:alert(1))',
  'smtp_helo_name = \u001b[31mred',
  '',
].join('\n');
const MASTER = '<b>x</b> unix - - n - - smtp\n';

describe('upgrade review report', () => {
  const r = review(HOSTILE, MASTER, '3.5', '3.7');

  it('groups the changes, delivery and connections first, each name linked to postconf(5)', () => {
    const md = renderUpgradeMarkdown(r, { title: '/etc/postfix/main.cf' });
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings.slice(0, 8), [
      '# Upgrade review: Postfix 3.5.27 → 3.7.22', '## Connection budget', '## Delivery and connections', '## TLS', '## SMTPUTF8', '## Relay control', '## Everything else', '## Names that go away or warn',
    ]);
    assert.match(md, /^- \[\*\*smtp_tls_protocols\*\*\]\(https:\/\/www\.postfix\.org\/postconf\.5\.html#smtp_tls_protocols\): 3\.5\.27 `!SSLv2, !SSLv3` → 3\.7\.22 `>=TLSv1` \(the default changes\)$/m);
    assert.match(md, /; after raising compatibility_level to 3\.7: `yes` \(follows compatibility_level\)$/m);
    assert.match(md, /^- receiver `orange`: 3\.5\.27 40 of 3 \(over the cap: expect 421\) → 3\.7\.22 40 of 3 \(over the cap: expect 421\)/m);
  });

  it('keeps everything from the files inside code spans', () => {
    const md = renderUpgradeMarkdown(r);
    const outsideCode = md.replace(/(`+)[^`]*?\1|(`+) [\s\S]*? \2/g, '');
    for (const bad of ['<img', '<b>', '](javascript']) assert.ok(!outsideCode.includes(bad), `${bad} outside a code span`);
    // A value with backticks gets a longer fence.
    assert.match(md, /```[^`]*``\[link\][^`]*```/);
  });

  it('prints plain text for a terminal, control characters shown as "?"', () => {
    const text = renderUpgradeText(r, { title: 'test/fixtures/x' });
    assert.match(text, /^Upgrade review: Postfix 3\.5\.27 -> 3\.7\.22 \(test\/fixtures\/x\)$/m);
    assert.match(text, /^  smtp_tls_protocols: 3\.5\.27 "!SSLv2, !SSLv3" -> 3\.7\.22 ">=TLSv1" \(the default changes\)$/m);
    assert.ok(!/\u001b/.test(text));
  });

  it('shows long values around where they differ', () => {
    const text = renderUpgradeText(review('compatibility_level = 3.7\n', '', '3.5', '3.7'));
    assert.match(text, /^  proxy_read_maps: 3\.5\.27 "…[^"]{40,100}" -> 3\.7\.22 "…[^"]{40,100} static:\*" \(the default changes/m);
    const md = renderUpgradeMarkdown(review('compatibility_level = 3.7\n', '', '3.5', '3.7'));
    assert.match(md, /\[\*\*proxy_read_maps\*\*\]\([^)]*\): 3\.5\.27 `…[^`]*defer_unauth_destination` → 3\.7\.22 `…[^`]*defer_unauth_destination static:\*` \(the default changes/);
  });

  it('counts with the right plurals', () => {
    const text = renderUpgradeText(review('compatibility_level = 3.7\n', 'smtp inet n - n - - smtpd\n', '3.7.11', '3.7.22'));
    assert.match(text, /^In short: 5 values in effect change; 0 parameters are new; 0 parameters go away; 0 names newly warn or go unused; 24 services of the new master\.cf are missing here\.$/m);
    const one = renderUpgradeText(review('compatibility_level = 3.7\nmilter_default_action = tempfail\nmail_release_date = 1\nmail_version = 1\n', '', '3.7.11', '3.7.22'));
    assert.match(one, /^In short: 1 value in effect changes; 0 parameters are new; 0 parameters go away; 0 names newly warn or go unused; 25 services of the new master\.cf are missing here\.$/m);
  });
});
