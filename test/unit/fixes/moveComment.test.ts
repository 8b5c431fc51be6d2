import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf } from '../../helpers/analysis';

describe('quick-fix: move a trailing comment to its own line', () => {
  it('moves " # text" above the main.cf entry', () => {
    const main = 'mydomain = example.com\nmyhostname = host.example.com   # the public name\nrelayhost =\n';
    const { title, after } = applyFix({ main }, 'main', 'inline-comment');
    assert.equal(title, 'Move the comment to its own line above the entry');
    assert.equal(after, 'mydomain = example.com\n# the public name\nmyhostname = host.example.com\nrelayhost =\n');
    assert.deepEqual(findingsOf({ main: after }), []);
  });

  it('moves a comment from a continuation line above the entry and keeps the value after it', () => {
    const main = 'mynetworks = 127.0.0.0/8 # loopback\r\n    10.0.0.0/8\r\n';
    const { after } = applyFix({ main }, 'main', 'inline-comment');
    assert.equal(after, '# loopback\r\nmynetworks = 127.0.0.0/8\r\n    10.0.0.0/8\r\n');
    const config = findingsOf({ main: after });
    assert.deepEqual(config, []);
  });

  it('moves a comment out of a master.cf command line and out of a long -o value', () => {
    const master = 'smtp inet n - y - - smtpd # public\nrelay unix - - n - - smtp\n  -o { smtp_helo_name = r.example # ISP }\n';
    const first = applyFix({ master }, 'master', 'inline-comment', 0);
    assert.equal(first.after, '# public\nsmtp inet n - y - - smtpd\nrelay unix - - n - - smtp\n  -o { smtp_helo_name = r.example # ISP }\n');
    const second = applyFix({ master: first.after }, 'master', 'inline-comment', 0);
    assert.equal(second.after, '# public\nsmtp inet n - y - - smtpd\n# ISP\nrelay unix - - n - - smtp\n  -o { smtp_helo_name = r.example }\n');
    assert.deepEqual(findingsOf({ master: second.after }), []);
  });

  it('moves a comment holding a "{" without changing how the lines after it read', () => {
    const main = 'mynetworks = 127.0.0.0/8 # { see below\n    10.0.0.0/8 # lan\n';
    const { after } = applyFix({ main }, 'main', 'inline-comment', 0);
    assert.equal(after, '# { see below\nmynetworks = 127.0.0.0/8\n    10.0.0.0/8 # lan\n');
    assert.deepEqual(findingsOf({ main: after }).map((f) => f.code), ['inline-comment']);
  });
});
