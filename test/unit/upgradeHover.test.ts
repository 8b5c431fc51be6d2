/** With postfix.upgradeFrom set, a hover on a parameter shows its value in effect under both releases. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hover } from '../../server/core/features/hover';
import { featureContext } from '../helpers/featureContext';
import { caret } from '../helpers/markers';

function hoverText(marked: string, upgradeFrom?: string, file: 'main' | 'master' = 'main', other = ''): string {
  const { text, offset } = caret(marked);
  const ctx = featureContext(file === 'main' ? { main: text, master: other, file, version: '3.7', upgradeFrom } : { main: other, master: text, file, version: '3.7', upgradeFrom });
  const h = hover(ctx, offset);
  assert.ok(h, 'expected a hover');
  return (h.contents as { value: string }).value;
}

describe('hover during an upgrade review', () => {
  it('shows the old and the new value in effect of a main.cf entry, before the postconf(5) link', () => {
    const text = hoverText('lmtp_tls_proto|cols = $smtp_tls_protocols\n', '3.5');
    assert.match(text, /\*\*Upgrade from Postfix 3\.5\.27 to 3\.7\.22:\*\* `!SSLv2, !SSLv3` under 3\.5\.27 → `>=TLSv1` under 3\.7\.22\n\n\[postconf\(5\): lmtp_tls_protocols\]/);
  });

  it('says when the value is the same under both', () => {
    assert.match(hoverText('myhost|name = mx.example.com\n', '3.5'), /\*\*Upgrade from Postfix 3\.5\.27 to 3\.7\.22:\*\* the same under both, `mx\.example\.com`/);
  });

  it('works on a $reference and on an -o name', () => {
    assert.match(hoverText('lmtp_tls_protocols = $smtp_tls_pro|tocols\n', '3.5'), /`!SSLv2, !SSLv3` under 3\.5\.27 → `>=TLSv1` under 3\.7\.22/);
    const master = 'relay unix - - n - - smtp\n  -o smtp_tls_finger|print_digest=md5\n';
    assert.match(hoverText(master, '3.5', 'master', 'compatibility_level = 3.7\n'), /\(in main\.cf; this -o wins for its service\):\*\* `md5` under 3\.5\.27 → `sha256` under 3\.7\.22/);
  });

  it('adds nothing without postfix.upgradeFrom', () => {
    assert.doesNotMatch(hoverText('lmtp_tls_proto|cols = $smtp_tls_protocols\n'), /Upgrade/);
  });
});
