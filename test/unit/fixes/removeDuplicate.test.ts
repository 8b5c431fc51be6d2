import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixesFor } from '../../helpers/analysis';

describe('quick-fix: remove the ignored duplicate', () => {
  it('removes an overridden main.cf entry with its continuation lines, keeping comments between them', () => {
    const main = [
      '# networks',
      'mynetworks = 127.0.0.0/8',
      '    # the office',
      '    10.0.0.0/8',
      'myhostname = a.example',
      'mynetworks = 127.0.0.0/8',
      '',
    ].join('\n');
    const { title, after } = applyFix({ main }, 'main', 'duplicate-parameter');
    assert.equal(title, 'Remove the ignored entry (lines 2-4)');
    assert.equal(after, '# networks\n    # the office\nmyhostname = a.example\nmynetworks = 127.0.0.0/8\n');
    assert.deepEqual(findingsOf({ main: after }), []);
  });

  it('removes the earlier master.cf service entry, CRLF kept on the other lines', () => {
    const master = 'relay unix - - n - - smtp\r\n  -o smtp_helo_name=a\r\n# keep me\r\nsmtp unix - - n - - smtp\r\nrelay unix - - n - 5 smtp\r\n';
    const { title, after } = applyFix({ master }, 'master', 'duplicate-service');
    assert.equal(title, 'Remove the ignored service entry (lines 1-2)');
    assert.equal(after, '# keep me\r\nsmtp unix - - n - - smtp\r\nrelay unix - - n - 5 smtp\r\n');
    assert.deepEqual(findingsOf({ master: after }).filter((f) => f.code === 'duplicate-service'), []);
  });

  it('handles a last line without a line break', () => {
    const master = 'a unix - - n - - smtp\nb unix - - n - - smtp\na unix - - n - 2 smtp';
    const main = 'x_unused_a = 1\nx_unused_a = 2';
    assert.equal(applyFix({ master }, 'master', 'duplicate-service').after, 'b unix - - n - - smtp\na unix - - n - 2 smtp');
    assert.equal(applyFix({ main }, 'main', 'duplicate-parameter').after, 'x_unused_a = 2');
  });

  it('removes the same value set just before the flagged entry too: Postfix ignores both', () => {
    // postconf warns once, at line 4 about line 2; removing line 2 alone moved the warning to line 1.
    const main = 'smtpd_banner = $myhostname ESMTP\nbiff = no\nsmtpd_banner = $myhostname ESMTP\nsmtpd_banner = $myhostname\n';
    const { title, after } = applyFix({ main }, 'main', 'duplicate-parameter');
    assert.equal(title, 'Remove the ignored entries (lines 1, 3)');
    assert.equal(after, 'biff = no\nsmtpd_banner = $myhostname\n');
    assert.deepEqual(findingsOf({ main: after }), []);
  });

  it('is not offered where removing the line would tip a half-broken main.cf into "not a Postfix config"', () => {
    // 10 broken lines of 20 is still a configuration; of 19 it is not, and every other check would go.
    const broken = Array.from({ length: 10 }, (_, i) => `broken line ${i}`);
    const settings = Array.from({ length: 8 }, (_, i) => `x_unused_${i} = ${i}`);
    const main = [...broken, ...settings, 'myhostname = a.example', 'myhostname = b.example', ''].join('\n');
    assert.deepEqual(fixesFor({ main }, 'main', 'duplicate-parameter').actions, []);
    const roomier = [...broken, ...settings, 'biff = no', 'myhostname = a.example', 'myhostname = b.example', ''].join('\n');
    assert.equal(fixesFor({ main: roomier }, 'main', 'duplicate-parameter').actions.length, 1);
  });
});
