/**
 * The lookup-table parser against each release's own postmap: on generated tables and on
 * hand-written cases, the same warnings on the same lines, and the same `postmap -q`
 * answers, with Postfix's UTF-8 mode off (empty main.cf) and on (compatibility_level = 2).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MapFile, foldKey, parseMapFile } from '../../server/core/maps';
import { PostmapOracle, postmapOracles, queryKeys, randomTable, runPostmap } from '../helpers/postmap';

const oracles = postmapOracles();

/** Hand-written cases: one rule of postmap's reading each. */
const CASES = [
  'Foo bar\nfoo baz\n"a b" c\n"unb x\nkey: v\nonlykey\n  lead x\n#c\nk2 v2\n  cont\nk3\t  v3  \nx\\ y z\nlonely\n',
  '  indented x\nk v\0tail\nz w\n',
  'a b\r\nc d\r\n',
  '"" empty-quoted\n\\ value\nend\\\n',
  'ÜNÏ x\nÉcole y\nStraße a\nSTRASSE b\nΣΟΦΟΣ c\nσοφος d\n',
  'k "v\n"q" r s\nlast line without newline',
  // Plain tables: read on the flat path (fastIndexed.ts).
  'Example.COM smtp:\nb.example\trelay:[x]:25  \n# comment\n\n"q k" v\nÉcole y\nk\\ x v\r\n',
  'a b\nc d',
];

/** Postfix logs each byte of a non-ASCII character as "?" unless its UTF-8 mode is on. */
const printable = (text: string, utf8: boolean): string =>
  utf8 ? text : [...Buffer.from(text, 'utf8')].map((b) => (b > 127 ? '?' : String.fromCharCode(b))).join('');

/** What our parser says, in the form the oracle's output is parsed into. */
function ours(map: MapFile, oracle: PostmapOracle, utf8: boolean): string[] {
  const out: string[] = [];
  for (const p of map.problems) {
    if (p.code === 'duplicate-key') out.push(`duplicate-key "${printable(foldKey(p.detail ?? '', utf8), utf8)}"`);
    else if (p.code === 'leading-whitespace') out.push('leading-whitespace');
    else if (p.code === 'nul-byte') {
      if (oracle.version[0] > 3 || (oracle.version[0] === 3 && oracle.version[1] >= 9)) out.push(`nul-byte ${p.line + 1}`);
    } else out.push(`${p.code} ${p.line + 1}`);
  }
  return out;
}

describe('lookup tables against each release\'s postmap', { skip: oracles.length ? false : 'no postmap built or installed' }, () => {
  for (const oracle of oracles) {
    // Every release reads every case; the newest and the installed one also 40 generated tables each way.
    const thorough = oracle === oracles[oracles.length - 1] || oracle === oracles[oracles.length - 2];
    const texts = [...CASES, ...Array.from({ length: thorough ? 40 : 6 }, (_, i) => randomTable(1000 + i))];
    it(`${oracle.label}: the same warnings and answers`, { timeout: 300_000 }, () => {
      for (const [mainCf, utf8] of [['', false], ['compatibility_level = 2\n', true]] as const) {
        for (const text of texts) {
          const map = parseMapFile(text, 'indexed', { utf8 });
          const keys = queryKeys(map.entries.map((e) => e.key));
          const run = runPostmap(oracle, { text, keys, mainCf });
          const label = `${oracle.label}, utf8 ${utf8}, table:\n${JSON.stringify(text)}`;
          assert.deepEqual(run.other, [], label);
          assert.deepEqual([...ours(map, oracle, utf8)].sort(), [...run.warnings].sort(), `warnings; ${label}`);
          const answers = keys.flatMap((k) => {
            const v = map.query(k);
            return v === undefined ? [] : [`${k}\t${v}`];
          });
          assert.deepEqual(answers, run.answers, `answers; ${label}`);
        }
      }
    });
  }
});
