import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixesFor } from '../../helpers/analysis';

describe('quick-fix: a queue-manager -o on another service', () => {
  it('offers to move the setting to main.cf, but not a value with a $ error (only to remove it)', () => {
    const main = 'myhostname = mx.example.com\n';
    const good = fixesFor({ main, master: 'turtle unix - - n - - smtp\n  -o turtle_destination_concurrency_limit=2\n' }, 'master', 'qmgr-parameter-in-service');
    assert.deepEqual(good.actions.map((a) => a.title), ['Move to main.cf as "turtle_destination_concurrency_limit = 2"', 'Remove the ineffective "-o turtle_destination_concurrency_limit"']);
    // Moving "$$x$" used to carry its expansion-syntax error into main.cf.
    const bad = fixesFor({ main, master: 'turtle unix - - n - - smtp\n  -o turtle_destination_concurrency_limit=$$x$\n' }, 'master', 'qmgr-parameter-in-service');
    assert.deepEqual(bad.actions.map((a) => a.title), ['Remove the ineffective "-o turtle_destination_concurrency_limit"']);
  });
});

describe('quick-fix: -o default_process_limit', () => {
  it('sets the maxproc field it was meant for and removes the -o', () => {
    const master = 'strict    unix  -       -       n       -       -       smtp\n  -o default_process_limit=5\n  -o syslog_name=postfix/strict\n';
    const { title, after } = applyFix({ master }, 'master', 'scope-mismatch');
    assert.equal(title, 'Set the maxproc field of "strict" to 5 instead');
    assert.equal(after, 'strict    unix  -       -       n       -       5       smtp\n  -o syslog_name=postfix/strict\n');
    assert.deepEqual(findingsOf({ master: after }).filter((f) => f.code === 'scope-mismatch'), []);
  });
});
