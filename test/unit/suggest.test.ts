import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Suggester, editDistance, suggestNames } from '../../server/core/kb/suggest';

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

  it('a Suggester over several lists answers as suggestNames over their union, searching and then indexed', () => {
    const main = new Set(['relay_maps', 'relay_mapz', 'tenant1_maps', 'Relay_Maps']);
    const options = new Set(['relay_maps', 'relay_mops', 'tenant1_maps']);
    const suggester = new Suggester({ lists: [main, options] });
    // More names than are searched before the lists are indexed, and one asked twice.
    for (const typo of ['relay_map', 'relay_mapx', 'tenant1_map', 'rela_maps', 'relay_mups', 'x', 'tenant2_maps', 'relay_map']) {
      assert.deepEqual(suggester.suggest(typo), suggestNames(typo, [...main, ...options]), typo);
    }
    const five = suggester.suggest('relay_mapq', 5);
    assert.deepEqual(five, suggestNames('relay_mapq', [...main, ...options], 5));
    assert.equal(new Set(five).size, 4, 'relay_maps, in both lists, once');
  });
});
