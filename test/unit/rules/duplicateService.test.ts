import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';

const CODE = 'duplicate-service';

describe('duplicate-service', () => {
  it('flags the earlier entry of the same service and type, pointing at the last', () => {
    const r = run(CODE, {
      master: [
        '[[relay unix - - n - - smtp',
        '# a comment inside the entry',
        '  -o smtp_helo_name=a.example]]',
        'relay inet n - n - - smtpd',
        '[[relay unix - - n - 5 smtp]]',
        'relay unix - - n - 9 smtp',
        '',
      ].join('\n'),
    });
    assert.deepEqual(r.spans, r.expected);
    const [first, second] = r.found;
    assert.equal(first.unnecessary, true);
    assert.equal(first.severity, 'warning');
    assert.match(first.message, /Service "relay\/unix" is defined again on line 6: master\(8\) uses only the last entry/);
    const text = r.texts.master!;
    assert.equal(text.slice(first.related![0].start, first.related![0].end), 'relay unix');
    assert.equal(first.related![0].start, second.related![0].start);
  });

  it('follows master(8): inet port names equal their numbers; public and private sockets differ', () => {
    const r = run(CODE, {
      master: '[[smtp inet n - n - - smtpd]]\n25 inet n - n - - smtpd\na unix - - n - - smtp\na unix n - n - - smtp\n',
    });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /defined again on line 2 as "25\/inet" \(the same port\)/);
  });
});
