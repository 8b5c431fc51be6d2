/** The keyword overlay agrees with the generated knowledge base. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { RELEASES, paramFacts, resolveRelease } from '../../server/core/kb/knowledgeBase';
import { VALUE_SETS, valueChoices } from '../../server/core/kb/valueSets';

describe('keyword value sets', () => {
  it('only names known text parameters, each in one set', () => {
    const seen = new Set<string>();
    for (const set of VALUE_SETS) {
      for (const name of [...set.params, set.docs]) {
        const facts = paramFacts(name);
        assert.ok(facts && facts.documented, `${name} is not a documented parameter`);
        assert.equal(facts.type, 'str', `${name} is not a text parameter`);
      }
      for (const name of set.params) {
        assert.ok(!seen.has(name), `${name} in two sets`);
        seen.add(name);
      }
      assert.equal(new Set(set.values.map((v) => v.value)).size, set.values.length, `duplicate keyword in ${set.docs}`);
    }
  });

  it('filters keywords by release', () => {
    for (const set of VALUE_SETS) {
      for (const v of set.values) if (v.since) assert.ok(RELEASES.some((r) => r.startsWith(`${v.since}.`)), `${v.value}: unknown release ${v.since}`);
    }
    assert.deepEqual(valueChoices('milter_default_action', resolveRelease('3.10'))?.values.map((v) => v.value), ['accept', 'reject', 'tempfail', 'quarantine']);
    assert.ok(valueChoices('milter_default_action', resolveRelease('3.11'))?.values.some((v) => v.value === 'shutdown'));
    assert.equal(valueChoices('inet_protocols', resolveRelease('3.7'))?.list, true);
    assert.equal(valueChoices('myhostname', resolveRelease('3.7')), undefined);
  });
});
