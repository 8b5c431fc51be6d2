/**
 * regexp: and pcre: tables against each release's own postmap: the same lines warned
 * about, and the same answers wherever the product says its answer is certain.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMapFile } from '../../server/core/maps';
import { PATTERN_KEYS, postmapOracles, randomPatternTable, runPatternPostmap } from '../helpers/postmap';

const oracles = postmapOracles();

describe('regexp: and pcre: tables against each release\'s postmap', { skip: oracles.length ? false : 'no postmap built or installed' }, () => {
  for (const oracle of oracles) {
    const thorough = oracle === oracles[oracles.length - 1] || oracle === oracles[oracles.length - 2];
    for (const type of ['regexp', 'pcre'] as const) {
      it(`${oracle.label} ${type}: the same warnings and answers`, { timeout: 300_000 }, (t) => {
        let uncertain = 0;
        let compared = 0;
        for (let i = 0; i < (thorough ? 40 : 5); i++) {
          const text = randomPatternTable(2000 + i, type);
          const run = runPatternPostmap(oracle, { text, keys: PATTERN_KEYS, type });
          if (run.other.some((l) => /unsupported dictionary type/.test(l))) return t.skip(`${oracle.label} was built without ${type}`);
          const label = `${oracle.label} ${type}, table:\n${text}`;
          assert.deepEqual(run.other, [], label);
          const map = parseMapFile(text, type);
          const warned = [...new Set(map.problems.map((p) => (p.code === 'leading-whitespace' ? 0 : p.line + 1)))].sort((a, b) => a - b);
          assert.deepEqual(warned, run.lines, `warned lines; ${label}`);
          const theirs = new Map(run.answers.map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)]));
          for (const key of PATTERN_KEYS) {
            const a = map.answer(key);
            if (!a.certain) {
              uncertain++;
              continue;
            }
            compared++;
            assert.equal(a.value, theirs.get(key), `answer for ${key}; ${label}`);
          }
        }
        assert.ok(compared > uncertain, `most answers are certain (${compared} compared, ${uncertain} uncertain)`);
      });
    }
  }
});
