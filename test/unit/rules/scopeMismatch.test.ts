/** scope-mismatch for a parameter only master(8) uses, from main.cf. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';

describe('scope-mismatch: -o default_process_limit', () => {
  it('has no effect on a service: master reads it from main.cf', () => {
    const r = run('scope-mismatch', { master: 'strict unix - - n - - smtp\n  -o [[default_process_limit]]=5\n' });
    assert.deepEqual(r.spans, r.expected);
    assert.equal(r.found[0].message, '"default_process_limit" is used by master(8), from main.cf only: it fills in each maxproc field of "-" when master starts; an -o on "strict" has no effect. Set this service\'s maxproc field instead.');
  });
});
