/**
 * A parsed main.cf keeps only each logical line's start (and line number) as document
 * positions: pieces, NUL bytes, names, "=" and values are placed relative to it and
 * computed when read. These tests read every computed offset, after edits above the
 * lines that moved, and compare it with the document text and with a fresh parse.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MainCf, parseMainCf, valueOffsetToDoc } from '../../server/core/syntax/mainCf';
import { reparse } from '../../server/core/syntax/incremental';
import { logicalLineProblems, mainProblems } from '../helpers/invariants';
import { ROOT } from '../helpers/lspClient';

/** Every offset the tree computes, read through its getters (not through toJSON). */
function resolved(tree: MainCf): unknown {
  const lineOf = (l: MainCf['lines'][number]) => ({
    text: l.text, line: l.line, start: l.start, end: l.end, leadingWhitespace: l.leadingWhitespace, nulAt: l.nulAt,
    pieces: l.pieces.map((p) => [p.start, p.end, p.joinedAt]),
  });
  return {
    lines: tree.lines.map(lineOf),
    items: tree.items.map((item) => item.kind === 'entry'
      ? {
        kind: item.kind, line: item.line.start, name: [item.name.text, item.name.start, item.name.end], equals: item.equals,
        value: [item.value.text, item.value.start, item.value.end, item.value.at, item.value.refs],
        mapped: [...item.value.text].map((_, i) => valueOffsetToDoc(item.value, i)),
      }
      : { kind: item.kind, problem: item.problem, line: item.line.start, name: item.name && [item.name.text, item.name.start, item.name.end] }),
    entries: tree.entries.map((e) => e.line.start),
    comments: tree.comments.map((c) => [c.start, c.end, c.line, c.text]),
  };
}

/** The tree read against its document: what a line, name, value or comment says is there. */
function problems(text: string, tree: MainCf): string[] {
  const out = [...mainProblems(text, tree)];
  for (const line of tree.lines) {
    const joined = line.pieces.map((p) => text.slice(p.start, p.end)).join('');
    const nul = joined.indexOf('\0');
    if (line.text !== (nul >= 0 ? joined.slice(0, nul) : joined)) out.push(`line ${line.line}: text is not its pieces`);
    if (line.nulAt !== undefined && text[line.nulAt] !== '\0') out.push(`line ${line.line}: nulAt is not a NUL byte`);
    const lineNo = text.slice(0, line.start).split('\n').length - 1;
    if (lineNo !== line.line) out.push(`line at ${line.start}: says line ${line.line}, is on ${lineNo}`);
  }
  for (const c of tree.comments) if (text.slice(c.start, c.end) !== `#${c.text}`) out.push(`comment at ${c.start}: not the document's`);
  return out;
}

const TEXT = [
  'a = 1',
  'long_name = first',
  '  second\t# no comment',
  '',
  '# between pieces',
  '  third $a',
  'nul = be\0fore',
  '  after',
  'crlf = x\r',
  '# last',
  'broken',
  'z = ${a}',
  '',
].join('\n');

describe('line-relative offsets', () => {
  it('place names, "=", values and pieces of continued lines at the document offsets', () => {
    const tree = parseMainCf(TEXT);
    assert.deepEqual(problems(TEXT, tree), []);
    const long = tree.entries[1];
    assert.equal(long.name.start, TEXT.indexOf('long_name'));
    assert.equal(long.equals, TEXT.indexOf('= first'));
    assert.equal(long.value.start, TEXT.indexOf('first'));
    assert.equal(long.value.end, TEXT.indexOf('third $a') + 'third $a'.length);
    assert.deepEqual(long.line.pieces.map((p) => p.start), [TEXT.indexOf('long_name'), TEXT.indexOf('  second'), TEXT.indexOf('  third')]);
    assert.equal(tree.entries[2].line.nulAt, TEXT.indexOf('\0'));
  });

  it('move with their line after edits above them, and read the same as a fresh parse', () => {
    const edits: [string, string][] = [
      ['', 'new = 1\n'],
      ['a = 1\n', ''],
      ['first', 'first first'],
      ['new = 1\n', 'new = 1\n  continued\n# c\n'],
      ['broken', 'fixed = yes'],
      ['\r', ''],
    ];
    let text = TEXT;
    let tree = parseMainCf(text);
    for (const [from, to] of edits) {
      const next = from ? text.replace(from, to) : to + text;
      assert.notEqual(next, text);
      tree = reparse(tree, next, parseMainCf);
      assert.deepEqual(problems(next, tree), [], `after replacing ${JSON.stringify(from)}`);
      assert.deepEqual(resolved(tree), resolved(parseMainCf(next)), `after replacing ${JSON.stringify(from)}`);
      text = next;
    }
  });

  it('stay right under random edit chains of the corpus', () => {
    const corpus = path.join(ROOT, 'test', 'fixtures', 'corpus');
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    const snippets = ['\n', '  ', '#', '=', 'x', '\n  more', '\nnew = $x\n', '\0', '\r\n'];
    for (const dir of readdirSync(corpus).filter((d) => !d.endsWith('.md'))) {
      let text = readFileSync(path.join(corpus, dir, 'main.cf'), 'utf8');
      let tree = parseMainCf(text);
      for (let i = 0; i < 30; i++) {
        const at = Math.floor(rand() * (text.length + 1));
        const next = text.slice(0, at) + snippets[Math.floor(rand() * snippets.length)] + text.slice(at + Math.floor(rand() * 6));
        tree = reparse(tree, next, parseMainCf);
        assert.deepEqual(problems(next, tree), [], `${dir}: edit ${i}`);
        assert.deepEqual(logicalLineProblems(next), [], `${dir}: edit ${i}`);
        assert.deepEqual(resolved(tree), resolved(parseMainCf(next)), `${dir}: edit ${i}`);
        text = next;
      }
    }
  });
});
