import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { run, severities } from '../../helpers/analysis';
import { ROOT } from '../../helpers/lspClient';

const CODE = 'service-requirement';

describe('service-requirement', () => {
  it('rejects a private inet service, "-" included', () => {
    const r = run(CODE, { master: 'smtp inet [[y]] - n - - smtpd\n2525 inet [[-]] - n - - smtpd\nsubmission inet n - n - - smtpd\n' });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(severities(r), ['error', 'error']);
    assert.match(r.found[1].message, /An inet service cannot be private \("-" in the private column means y\)/);
  });

  it('checks the process limit the program needs, with "-" as default_process_limit', () => {
    const r = run(CODE, {
      main: 'default_process_limit = 50\n',
      master: [
        'qmgr unix n - n 300 [[-]] qmgr',
        'pickup unix n - y 60 1 pickup',
        'myanvil unix - - n - [[0]] anvil',
        'cleanup unix n - n - [[5]] cleanup',
        'bounce unix - - n - 0 bounce',
        'smtp unix - - n - 7 smtp',
        '',
      ].join('\n'),
    });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /qmgr needs a process limit of 1, not "-" \(default_process_limit = 50\)/);
    assert.match(r.found[1].message, /"service myanvil requires a process limit of 1"/);
    assert.match(r.found[2].message, /cleanup needs a process limit of 0 \(no limit\), not 5/);
  });

  it('needs privileges for local, pipe, spawn and virtual', () => {
    const r = run(CODE, {
      master: 'local unix - [[-]] n - - local\nmypipe unix - [[y]] n - - pipe argv=/bin/true\nvirtual unix - n n - - virtual\n',
    });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /local must run with privileges.*\("-" in the unpriv column means y\)/);
  });

  it('warns when pickup, qmgr or flush has no wake-up time', () => {
    const r = run(CODE, {
      master: 'pickup unix n - y [[-]] 1 pickup\nqmgr unix n - n [[0]] 1 qmgr\nflush unix n - y 1000? 0 flush\n',
    });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(severities(r), ['warning', 'warning']);
    assert.match(r.found[0].message, /The stock value is 60/);
  });

  it('is quiet on the stock master.cf', () => {
    const master = readFileSync(`${ROOT}/test/fixtures/corpus/postfix-stock-3.7/master.cf`, 'utf8');
    assert.deepEqual(run(CODE, { master }).found, []);
  });
});
