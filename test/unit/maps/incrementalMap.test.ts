/**
 * A table edited in place (updateMapFile: the flat path re-reads only the touched lines and
 * keeps its key index, routing's next-hops and the unknown-transport check follow the edit)
 * must equal a fresh parse of the same text after any sequence of edits: entries, problems,
 * comments, lookups, transportHops() and the map findings. Random edits from fast-check with
 * a fixed seed (FC_SEED=<n> to explore others). The edited text is a ChunkedText cut into
 * chunks of a few characters, as the server keeps an open table (in 64 KB chunks).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MapFile, parseMapFile, updateMapFile } from '../../../server/core/maps';
import { isFlatMap } from '../../../server/core/maps/fastIndexed';
import { parseIndexedMap } from '../../../server/core/maps/indexed';
import { mapFindings } from '../../../server/core/maps/checks';
import { Configuration } from '../../../server/core/model/configuration';
import { Caches } from '../../../server/core/caches';
import { transportHops } from '../../../server/core/model/routing';
import { transportMapKeys } from '../../../server/core/model/mapDomains';
import { tablesOfMaps } from '../../../server/core/model/tables';
import type { ConfigFiles, SourceFile } from '../../../server/core/document';
import { LineIndex } from '../../../server/core/lineIndex';
import { parseMainCf } from '../../../server/core/syntax/mainCf';
import { parseMasterCf } from '../../../server/core/syntax/masterCf';
import { ChunkedText } from '../../../server/core/chunkedText';

const seed = Number(process.env.FC_SEED ?? 20261203);
const PATH = '/etc/postfix/transport';
// The table is both a transport map and an access table: both per-value checks follow the edits.
const MAIN = 'transport_maps = hash:/etc/postfix/transport\ndefault_transport = relay0\nsmtpd_client_restrictions = check_client_access hash:/etc/postfix/transport\n';
const MASTER = 'smtp unix - - n - - smtp\nrelay0 unix - - n - - smtp\n';

const KEYS = ['k1', 'K1', 'k2', 'a.example', 'A.Example', 'straße', 'STRASSE', '"q k"', 'x\\ y', 'k3:'];
const VALUES = ['relay0:[mx1]:25', 'smtp:', ':[mx2.example]', 'bogus:x', 'relay0', 'nowhere:[mx1]', 'relay0:[MX1]:25', 'OK', 'REJECT no', 'permit_mynetworks'];
const line = fc.oneof(
  // Mostly distinct keys (a plain table, the flat path), sometimes one a line above has.
  { weight: 20, arbitrary: fc.tuple(fc.constantFrom(...KEYS.slice(0, -1)), fc.nat({ max: 400 }), fc.constantFrom(' ', '\t', '  '), fc.constantFrom(...VALUES), fc.nat({ max: 30 })).map(([k, n, s, v, m]) => `${k}${n}${s}${v.replace('mx1', `mx${m}`)}`) },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '', '  ', '   # indented comment', ' continued', 'lonely', 'k9 v\r') },
);
const table = fc.array(line, { minLength: 0, maxLength: 20 }).map((lines) => lines.join('\n') + '\n');
/** Lines whose keys come from a handful, so that most tables have duplicate keys (a line copied). */
const crowded = fc.array(fc.tuple(fc.constantFrom('k1', 'K1', 'k2', 'a.example', 'A.Example', 'k3:'), fc.constantFrom(' ', '\t'), fc.constantFrom(...VALUES)).map(([k, s, v]) => `${k}${s}${v}`), { minLength: 0, maxLength: 12 })
  .map((lines) => lines.join('\n') + '\n');
const piece = fc.array(fc.constantFrom('\n', ' ', '\t', 'k1', 'K2', 'a.example', 'relay0:', 'bogus:', '[mx1]', '#', ':', 'ß', 'x', '"', '\\', '\0'), { maxLength: 6 }).map((p) => p.join(''));
/** An edit: where (share of the text), how much to delete, what to insert, whether the change is told. */
const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(0, 1, 1, 2), fc.nat({ max: 12 })), piece, fc.boolean());

function describeTree(tree: MapFile, probes: string[]): unknown {
  return {
    entries: JSON.stringify(tree.entries),
    problems: tree.problems.map((p) => ({ code: p.code, start: p.start, end: p.end, line: p.line, detail: p.detail, first: p.first?.keyStart })),
    comments: tree.comments.map((c) => ({ line: c.line, start: c.start, end: c.end, text: c.text })),
    lookups: probes.map((k) => [k, tree.lookup(k)?.keyStart, tree.query(k)]),
  };
}

const source = (tree: MapFile, text: string): SourceFile<MapFile> => ({ kind: 'map', uri: `file://${PATH}`, text, tree, lines: new LineIndex(text) });

// Parsed once, as the server keeps main.cf and master.cf while a table is edited: results
// kept per table version are then followed across edits, not worked out again.
const MAIN_CF = parseMainCf(MAIN);
const MASTER_CF = parseMasterCf(MASTER);

function derived(tree: MapFile, text: string, caches: Caches): unknown {
  const maps = new Map([[PATH, source(tree, text)]]);
  const config = new Configuration({ main: MAIN_CF, master: MASTER_CF, tables: tablesOfMaps(maps), caches });
  const files: ConfigFiles = { maps };
  // The keys each transport's entries have, as far as they are kept (what a receiver's domains= may list).
  const keys = ['relay0', 'smtp', 'bogus', 'nowhere'].map((t) => [t, transportMapKeys(config, t)?.slice().sort()]);
  return { hops: [...transportHops(config)], findings: mapFindings(config, files), keys };
}

describe('a table edited in place equals a fresh parse', () => {
  for (const [what, tables] of [['tables of mostly distinct keys', table], ['tables where most keys repeat', crowded]] as const) it(`after random edits, ${what}: entries, problems, comments, lookups, next-hops and findings`, () => {
    let followed = 0;
    fc.assert(
      fc.property(tables, fc.array(edit, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), (start, edits, size) => {
        let text = start;
        let chunked = ChunkedText.from(text, size);
        let tree = parseMapFile(chunked);
        const caches = new Caches();
        derived(tree, text, caches);
        for (const [where, length, insert, told] of edits) {
          const at = Math.floor(where * text.length);
          const oldEnd = Math.min(text.length, at + length);
          text = text.slice(0, at) + insert + text.slice(oldEnd);
          chunked = chunked.replace(at, oldEnd, insert);
          const wasFlat = isFlatMap(tree);
          // Half the edits say where they are, as the server does from the LSP change.
          tree = updateMapFile(tree, chunked, told ? { start: at, oldEnd, newEnd: at + insert.length } : undefined);
          if (wasFlat && isFlatMap(tree) && tree.edit) followed++;
          const fresh = parseMapFile(text);
          const probes = [...KEYS, 'K2', 'kx', ...fresh.entries.map((e) => e.key.toUpperCase())];
          assert.deepEqual(describeTree(tree, probes), describeTree(fresh, probes), JSON.stringify(text));
          assert.equal(isFlatMap(tree), isFlatMap(fresh), 'the same path as a fresh parse');
          // And the flat path reads as the general one does (problems of single lines included).
          if (isFlatMap(fresh)) {
            const general = parseIndexedMap(text);
            assert.deepEqual(describeTree(fresh, probes), describeTree(general, probes), JSON.stringify(text));
            assert.deepEqual(derived(fresh, text, new Caches()), derived(general, text, new Caches()), JSON.stringify(text));
          }
          assert.deepEqual(derived(tree, text, caches), derived(fresh, text, new Caches()), JSON.stringify(text));
        }
      }),
      { numRuns: 300, seed, endOnFailure: true },
    );
    // The property is only worth something if edits were followed in place, not only re-read.
    assert.ok(followed > 200, `edits followed in place: ${followed}`);
  });

  it('a change the host tells: joining, splitting and rewriting lines', () => {
    const start = 'a x\nb y\nc z\nd w\n';
    const cases: [string, number, number, string][] = [
      ['the newline after "b y" deleted', start.indexOf('y') + 1, 1, ''],
      ['a line break typed inside "c z"', start.indexOf('c') + 1, 0, ' r\nq'],
      ['"b y" and "c z" replaced by one line', start.indexOf('b'), 8, 'e v'],
      ['a new line at the end', start.length, 0, 'f u\n'],
      ['the first line deleted', 0, 4, ''],
    ];
    for (const [what, at, length, insert] of cases) {
      const text = start.slice(0, at) + insert + start.slice(at + length);
      const told = updateMapFile(parseMapFile(start), text, { start: at, oldEnd: at + length, newEnd: at + insert.length });
      assert.ok(isFlatMap(told) && told.edit, `${what}: followed in place`);
      assert.deepEqual(describeTree(told, ['a', 'b', 'c', 'd', 'e', 'f', 'q']), describeTree(parseMapFile(text), ['a', 'b', 'c', 'd', 'e', 'f', 'q']), what);
    }
  });

  it('a line copied above an entry of its key: the later entry stops routing, the next-hops and keys follow', () => {
    let text = 'z.example relay0:[mx9]\na.example relay0:[mx1]\nb.example relay0:[mx1]\nc.example relay0:[mx2]\n';
    let tree = parseMapFile(text);
    const caches = new Caches();
    derived(tree, text, caches);
    // Typed at the end of the first line: a copy of b.example's key with another next-hop,
    // which is now the first entry of that key (the edit's lines do not include the old one).
    const at = text.indexOf('\n');
    const insert = '\nb.example relay0:[mx2]';
    text = text.slice(0, at) + insert + text.slice(at);
    tree = updateMapFile(tree, text, { start: at, oldEnd: at, newEnd: at + insert.length });
    assert.ok(isFlatMap(tree) && tree.edit?.flips.some((f) => f.index === 3 && !f.winner), 'the old b.example line stopped being first');
    assert.deepEqual(derived(tree, text, caches), derived(parseMapFile(text), text, new Caches()));
    assert.equal(tree.query('b.example'), 'relay0:[mx2]');
  });

  it('a large table: an edit in the middle, a line added and one removed', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `d${i}.example relay${i % 3}:[mx${i % 7}]:25`);
    let text = lines.join('\n') + '\n';
    let tree = parseMapFile(text);
    const caches = new Caches();
    derived(tree, text, caches);
    const steps: ((t: string) => [number, number, string])[] = [
      (t) => [t.indexOf('d2500.example'), 1, 'X'],
      (t) => [t.indexOf('d100.example'), 0, 'new.example smtp:[n]\n'],
      (t) => [t.indexOf('d4000.example'), t.indexOf('d4001.example') - t.indexOf('d4000.example'), ''],
      () => [0, 'd0.example relay0:[mx0]:25\n'.length, ''],
      (t) => [t.indexOf('d4999.example relay'), 0, 'z.example nowhere:x\n'],
      // The only entry of its transport and next-hop goes: so does the next-hop.
      (t) => [t.indexOf('z.example'), 'z.example nowhere:x\n'.length, ''],
      (t) => [t.indexOf('d3.example'), 'd3.example relay0:[mx3]:25'.length, 'd3.example relay0:[only]'],
    ];
    for (const step of steps) {
      const [at, length, insert] = step(text);
      text = text.slice(0, at) + insert + text.slice(at + length);
      tree = updateMapFile(tree, text);
      assert.ok(isFlatMap(tree) && tree.edit, 'followed in place');
      const fresh = parseMapFile(text);
      const probes = ['D2500.example', 'X2500.example', 'new.example', 'd4000.example', 'd4999.example', 'd0.example', 'd1.example'];
      assert.deepEqual(describeTree(tree, probes), describeTree(fresh, probes));
      assert.deepEqual(derived(tree, text, caches), derived(fresh, text, new Caches()));
    }
  });
});
