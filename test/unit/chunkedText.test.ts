/**
 * An open document keeps its text in chunks (core/chunkedText.ts, lsp/documents.ts). After
 * any sequence of edits it must answer exactly as vscode-languageserver-textdocument does:
 * text, line count, offsetAt/positionAt (LSP's "\n", "\r\n" and lone "\r" line breaks,
 * positions past a line's end or past the last line), line ranges and line breaks. Texts
 * are cut into chunks of a few characters so that edits cross, join and split chunks.
 * Random edits from fast-check with a fixed seed (FC_SEED=<n> to explore others).
 *
 * The reference applies each change to a document made afresh from the text so far: the
 * library's own bookkeeping of line starts goes wrong after a change whose range lies past
 * the last line (it then answers NaN), which a document made afresh does not.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../../server/core/chunkedText';
import { OpenDocument, guardedDocuments, lastEdit } from '../../server/lsp/documents';

const seed = Number(process.env.FC_SEED ?? 20261203);
const atom = fc.constantFrom('a', 'bc', ' ', '\n', '\n', '\r\n', '\r', 'é', '\u{1F600}', 'key value', '\n\n');
const text = fc.array(atom, { maxLength: 40 }).map((a) => a.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 14 }), character: fc.integer({ min: -1, max: 30 }) });
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);

/** Everything a reader of the document can ask, answered by `doc`. */
function answers(doc: TextDocument, probes: { line: number; character: number }[]): unknown {
  const content = doc.getText();
  const lines = Array.from({ length: doc.lineCount + 2 }, (_, i) => i - 1);
  return {
    content,
    lineCount: doc.lineCount,
    positions: Array.from({ length: content.length + 3 }, (_, o) => doc.positionAt(o - 1)),
    offsets: probes.map((p) => doc.offsetAt(p)),
    ranges: probes.map((p, i) => doc.getText({ start: p, end: probes[(i + 1) % probes.length] })),
    lineRanges: lines.map((l) => doc.getLineRange(l)),
    eols: lines.map((l) => doc.getEOLCharacters(l)),
  };
}

describe('an open document kept in chunks answers as vscode-languageserver-textdocument', () => {
  it('after random edits, at chunk sizes from 1 to 12 characters', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.array(position, { minLength: 1, maxLength: 12 }),
        (start, size, edits, probes) => {
          let ours = new OpenDocument('file:///t', 'postfix-map', 1, ChunkedText.from(start, size));
          let content = start;
          assert.deepEqual(answers(ours, probes), answers(TextDocument.create('file:///t', 'postfix-map', 1, start), probes));
          let version = 1;
          for (const changes of edits) {
            version++;
            const before = ours.text;
            ours = guardedDocuments.update(ours, changes, version);
            for (const c of changes) content = TextDocument.update(TextDocument.create('file:///t', 'postfix-map', version, content), [c], version).getText();
            const theirs = TextDocument.create('file:///t', 'postfix-map', version, content);
            assert.deepEqual(answers(ours, probes), answers(theirs, probes), JSON.stringify({ start, size, changes }));
            // What the document says of its last edit (the tables' incremental read trusts it).
            const told = lastEdit(ours);
            if (told) {
              assert.equal(before.slice(0, told.start) + ours.text.slice(told.start, told.newEnd) + before.slice(told.oldEnd), ours.getText());
            }
          }
        }),
      { numRuns: 400, seed, endOnFailure: true },
    );
  });

  it('an edit shares the chunks it did not touch, and the earlier version stays as it was', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `d${i}.example relay:[mx${i % 7}]:25\n`).join('');
    const v1 = ChunkedText.from(lines);
    assert.ok(v1.chunkCount > 5, `${v1.chunkCount} chunks`);
    const at = lines.indexOf('d10000.example');
    const v2 = v1.replace(at, at + 1, 'X');
    let shared = 0;
    for (let c = 0; c < v2.chunkCount; c++) if (c < v1.chunkCount && v2.chunk(c) === v1.chunk(c)) shared++;
    assert.equal(shared, v1.chunkCount - 1, 'one chunk made anew');
    assert.equal(v1.toString(), lines);
    assert.equal(v2.toString(), lines.slice(0, at) + 'X' + lines.slice(at + 1));
    assert.deepEqual(v2.positionAt(at), { line: 10_000, character: 0 });
    assert.equal(v2.offsetAt({ line: 19_999, character: 3 }), lines.lastIndexOf('d19999') + 3);
  });
});
