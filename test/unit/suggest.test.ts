import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { editDistance, suggestNames } from '../../server/core/kb/suggest';

describe('did-you-mean', () => {
  it('counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('myhsotname', 'myhostname'), 1);
    assert.equal(editDistance('relayhost', 'relayhost'), 0);
  });

  it('suggests the nearest names once each, nearest first', () => {
    assert.deepEqual(suggestNames('relayhots', ['relayhost', 'relayhost', 'relay_domains', 'myhostname']), ['relayhost']);
    assert.deepEqual(suggestNames('mydomian', ['mydomain', 'myorigin', 'mydomain']), ['mydomain']);
  });

  it('suggests nothing for a name far from every candidate', () => {
    assert.deepEqual(suggestNames('zzzzzz', ['myhostname', 'relayhost']), []);
  });
});
