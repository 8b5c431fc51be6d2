import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMapFile, syntaxOfType } from '../../../server/core/maps';
import { parseMapSource } from '../../../server/core/document';
import { parseFlatIndexed } from '../../../server/core/maps/fastIndexed';
import { parseIndexedMap } from '../../../server/core/maps/indexed';
import { ChunkedText } from '../../../server/core/chunkedText';

// Each line is one of postmap's reading rules; the answers are what `postmap -q` and
// `postmap -s` of Postfix 3.4 to 3.12 print for this file (test/parity/postmap.test.ts
// asks them again on every run).
const TEXT = [
  'Foo bar', // 1: keys are folded to lower case
  'foo baz', // 2: a duplicate of line 1: the first value wins
  '"a b" c', // 3: white space inside quotes belongs to the key; quotes are kept
  '"unb x', // 4: an open quote: the line is ignored
  'key: v', // 5: "key: value" format: kept, with a warning
  'onlykey', // 6: continued by line 7
  '  lead x', // 7
  '#c', // 8: a comment
  'k2 v2', // 9: continued by line 10, its leading white space kept
  '  cont', // 10
  'k3\t  v3  ', // 11: the value is trimmed
  'x\\ y z', // 12: a backslash protects the space
  'lonely', // 13: no value
  '',
].join('\n');

describe('indexed map source (postmap)', () => {
  const map = parseMapFile(TEXT, 'indexed');

  it('keeps the entries postmap stores, in order', () => {
    assert.deepEqual(
      map.entries.map((e) => [e.line + 1, e.key, e.value]),
      [
        [1, 'Foo', 'bar'],
        [2, 'foo', 'baz'],
        [3, '"a b"', 'c'],
        [5, 'key:', 'v'],
        [6, 'onlykey', 'lead x'],
        [9, 'k2', 'v2  cont'],
        [11, 'k3', 'v3'],
        [12, 'x\\ y', 'z'],
      ],
    );
  });

  it('reports what postmap warns about, on the line postmap names', () => {
    assert.deepEqual(
      map.problems.map((p) => [p.code, p.line + 1]),
      [
        ['duplicate-key', 2],
        ['unbalanced-quote', 4],
        ['alias-format', 5],
        ['expected-format', 13],
      ],
    );
  });

  it('answers lookups as postmap -q does', () => {
    const q = (k: string): string | undefined => map.query(k);
    assert.equal(q('foo'), 'bar');
    assert.equal(q('FOO'), 'bar');
    assert.equal(q('"a b"'), 'c');
    assert.equal(q('a b'), undefined);
    assert.equal(q('onlykey'), 'lead x');
    assert.equal(q('k2'), 'v2  cont');
    assert.equal(q('key:'), 'v');
    assert.equal(q('key'), undefined);
    assert.equal(q('lonely'), undefined);
    assert.equal(q('x\\ y'), 'z');
    assert.equal(map.lookup('K3')?.line, 10);
  });

  it('gives exact document ranges for keys and values, across continuation lines', () => {
    const at = (s: string, from = 0): number => TEXT.indexOf(s, from);
    const k2 = map.lookup('k2')!;
    assert.equal(TEXT.slice(k2.keyStart, k2.keyEnd), 'k2');
    assert.equal(k2.valueStart, at('v2'));
    assert.equal(k2.valueEnd, at('cont') + 'cont'.length);
    const k3 = map.lookup('k3')!;
    assert.equal(TEXT.slice(k3.valueStart, k3.valueEnd), 'v3');
    const dup = map.problems.find((p) => p.code === 'duplicate-key')!;
    assert.equal(TEXT.slice(dup.start, dup.end), 'foo');
    assert.equal(dup.first?.line, 0);
  });

  it('ignores a first line that starts with white space, and notes NUL bytes', () => {
    const m = parseMapFile('  indented x\nk v\x00tail\nz w\n', 'indexed');
    assert.deepEqual(m.problems.map((p) => [p.code, p.line]), [['leading-whitespace', 0], ['nul-byte', 1]]);
    assert.deepEqual(m.entries.map((e) => [e.key, e.value]), [['k', 'v'], ['z', 'w']]);
  });

  it('reads CRLF files as postmap does: the CR is white space trimmed from the value', () => {
    const m = parseMapFile('a b\r\nc d\r\n', 'indexed');
    assert.deepEqual(m.entries.map((e) => [e.key, e.value]), [['a', 'b'], ['c', 'd']]);
  });

  it('is one SourceFile of kind map, and knows which types it reads', () => {
    const file = parseMapSource('file:///etc/postfix/transport', 'example.com smtp:[mx]:25\n', 'indexed');
    assert.equal(file.kind, 'map');
    assert.equal(file.tree.query('EXAMPLE.COM'), 'smtp:[mx]:25');
    assert.equal(syntaxOfType('hash'), 'indexed');
    assert.equal(syntaxOfType('texthash'), 'indexed');
    assert.equal(syntaxOfType('pcre'), 'pcre');
    assert.equal(syntaxOfType('inline'), undefined);
  });
});

describe('the flat path for plain tables', () => {
  it('reads a plain table exactly as the general path does', () => {
    const text = 'Example.COM smtp:\nb.example\trelay:[x]:25  \n# comment\n\n"q k" v\nk\\ x v\r\n';
    const flat = parseFlatIndexed(ChunkedText.from(text));
    assert.ok(flat, 'a plain table takes the flat path');
    assert.equal(JSON.stringify(flat.entries), JSON.stringify(parseIndexedMap(text).entries));
    assert.equal(flat.query('example.com'), 'smtp:');
    assert.equal(flat.comments.length, 1);
    for (const unusual of ['a b\n  continued\n', ' a b\n', 'a\0b c\n']) {
      assert.equal(parseFlatIndexed(ChunkedText.from(unusual), {}), undefined, JSON.stringify(unusual));
    }
  });

  it('reads the lines postmap warns about as the general path does, duplicate keys included: same entries, same problems', () => {
    // A key without a value (half typed), a value-less key with trailing blanks, an open
    // quote, an aliases(5) line (kept, with its warning), between ordinary lines.
    const text = 'a.example relay:\nlonely\nhalf   \r\n"open x y\nk: v\nb.example smtp:\n"ok key" v\nA.EXAMPLE second\nK: again\n';
    const flat = parseFlatIndexed(ChunkedText.from(text));
    assert.ok(flat, 'these lines stay on the flat path');
    const general = parseIndexedMap(text);
    assert.equal(JSON.stringify(flat.entries), JSON.stringify(general.entries));
    const shape = (f: typeof general) => f.problems.map((p) => ({ code: p.code, start: p.start, end: p.end, line: p.line, detail: p.detail, first: p.first?.keyStart }));
    assert.deepEqual(shape(flat), shape(general));
    assert.deepEqual(flat.problems.map((p) => p.code), ['expected-format', 'expected-format', 'unbalanced-quote', 'alias-format', 'duplicate-key', 'alias-format', 'duplicate-key']);
    // The first value of a key is the one kept.
    assert.equal(flat.query('k:'), 'v');
    assert.equal(flat.query('a.example'), 'relay:');
  });
});
