import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { directiveSnippet } from '../../server/core/features/codeLens';

describe('the "no receiver declared" lens snippet', () => {
  it('offers to take the other undeclared transports along when they are few', () => {
    assert.equal(directiveSnippet('orange', ['orange', 'wanadoo', 'smtp']),
      '# @receiver ${2:orange} max-connections=${1:3} transports=${3|orange,orange\\,wanadoo|}\n');
  });

  it('names only its own transport when there are too many others to choose from, at any count', () => {
    for (const n of [6, 12, 20_000]) {
      const many = Array.from({ length: n }, (_, i) => `out${i}`);
      assert.equal(directiveSnippet('out0', many), '# @receiver ${2:out0} max-connections=${1:3} transports=out0\n', `${n} transports`);
    }
  });

  it('never takes a stock transport along, nor offers choices on one', () => {
    assert.equal(directiveSnippet('smtp', ['smtp', 'relay', 'orange']), '# @receiver ${2:smtp} max-connections=${1:3} transports=smtp\n');
    assert.equal(directiveSnippet('orange', ['orange', 'smtp', 'relay', 'lmtp']), '# @receiver ${2:orange} max-connections=${1:3} transports=orange\n');
  });
});
