import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMapFile } from '../../../server/core/maps';

// The answers and warnings are those of postmap -q KEY regexp:FILE (test/parity/postmapPatterns.test.ts asks every release).
const TABLE = [
  '/^root@/ DISCARD', // 1
  'if /@example\\.com$/', // 2
  '/^(.*)@(.*)$/ relay:[$2] user $1', // 3
  'endif', // 4
  '/x/ $3', // 5: no (...) for $3: skipped
  '/[abc/ x', // 6: an open bracket: skipped
  '/a/q x', // 7: unknown flag: skipped
  'garbage', // 8: not a rule
  'endif', // 9: no IF
  '/unclosed)/ literal paren', // 10: regcomp reads ")" as a character
  '!/@/ REJECT no domain', // 11
  '/(a+)+$/ slow', // 12: would backtrack without bound: not evaluated
  '',
].join('\n');

describe('regexp: tables (dict_regexp)', () => {
  const map = parseMapFile(TABLE, 'regexp');

  it('warns on the lines Postfix warns about, and says which rules it skips', () => {
    assert.deepEqual(map.problems.map((p) => [p.line + 1, p.skipped]), [[5, true], [6, true], [7, true], [8, true], [9, true]]);
  });

  it('answers with the first matching rule, IF/ENDIF and $n substitution', () => {
    assert.equal(map.query('ROOT@host'), 'DISCARD', 'case-insensitive by default');
    assert.equal(map.query('joe@example.com'), 'relay:[example.com] user joe');
    assert.equal(map.query('joe@example.net'), undefined, 'the IF skips to its ENDIF');
    assert.equal(map.query('unclosed)'), 'literal paren');
    assert.equal(map.query('nodomain'), 'REJECT no domain');
    assert.equal(map.lookup('nodomain')?.line, 10);
  });

  it('says an answer is uncertain instead of running a pattern that could hang', () => {
    const started = process.hrtime.bigint();
    const a = map.answer('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b!');
    assert.equal(a.certain, false);
    assert.ok(process.hrtime.bigint() - started < 1_000_000_000n);
  });
});

describe('pcre: tables (dict_pcre)', () => {
  it('takes PCRE flags and rejects what PCRE rejects', () => {
    const map = parseMapFile('/^(?:a|b)@/ ab\n/\\d+@/ digits\n/x/Q bad\n/a)/ x\n/\\Aroot@/ A\n', 'pcre');
    assert.deepEqual(map.problems.map((p) => p.line + 1), [3, 4]);
    assert.equal(map.query('a@x'), 'ab');
    assert.equal(map.query('12@x'), 'digits');
    assert.equal(map.query('root@x'), 'A');
  });
});
