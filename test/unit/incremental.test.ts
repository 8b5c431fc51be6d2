/**
 * Incremental re-parsing must give exactly what a full parse gives: same items, same
 * tokens, same offsets and line numbers, same comments, for any edit.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseMainCf } from '../../server/core/syntax/mainCf';
import { parseMasterCf } from '../../server/core/syntax/masterCf';
import { reparse } from '../../server/core/syntax/incremental';
import { ROOT } from '../helpers/lspClient';

/** Everything a tree says, as plain data (lazy caches left out). */
function dump(tree: unknown): string {
  return JSON.stringify(tree, (key, value) => (key === 'expressions' || key === 'scanned' || key === 'line' && typeof value === 'object' ? undefined : value));
}

function rand(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

const SNIPPETS = ['\n', ' ', '  ', '\t', '#', '# c\n', '=', 'x', '$', '${', '}', '\n  -o a=b', '\nnew = 1\n', '\n\n', '  cont\n', '\r\n', '-o', '{', 'smtp'];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const del = r() < 0.5 ? Math.floor(r() * 12) : 0;
  const ins = r() < 0.8 ? SNIPPETS[Math.floor(r() * SNIPPETS.length)] : '';
  return text.slice(0, at) + ins + text.slice(at + del);
}

describe('incremental re-parse equals a full parse', () => {
  const corpus = path.join(ROOT, 'test', 'fixtures', 'corpus');
  for (const dir of readdirSync(corpus).filter((d) => !d.endsWith('.md'))) {
    for (const [file, parse] of [['main.cf', parseMainCf], ['master.cf', parseMasterCf]] as const) {
      it(`${dir}/${file}: 100 random edit chains`, () => {
        const r = rand(dir.length * 31 + file.length);
        let text = readFileSync(path.join(corpus, dir, file), 'utf8');
        let tree = (parse as (t: string) => ReturnType<typeof parseMainCf>)(text);
        for (let i = 0; i < 100; i++) {
          const next = mutate(text, r);
          tree = reparse(tree, next, parse as (t: string) => ReturnType<typeof parseMainCf>);
          const full = (parse as (t: string) => ReturnType<typeof parseMainCf>)(next);
          assert.equal(dump(tree), dump(full), `edit ${i} diverged`);
          text = next;
        }
      });
    }
  }

  it('re-uses the objects of untouched logical lines', () => {
    const text = 'a = 1\nb = 2\nc = 3\nd = 4\n';
    const old = parseMainCf(text);
    const [a, , , d] = old.entries;
    const next = reparse(old, text.replace('c = 3', 'c = 33'), parseMainCf);
    assert.equal(next.entries[0], a);
    assert.equal(next.entries[3], d);
    assert.equal(d.name.start, 'a = 1\nb = 2\nc = 33\n'.length);
  });
});
