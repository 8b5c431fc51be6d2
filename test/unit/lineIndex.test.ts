import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/core/lineIndex';

/** Texts made of short lines ending in "\n", "\r\n" or a lone "\r", from a fixed seed. */
function randomTexts(count: number): string[] {
  let seed = 7;
  // Park-Miller: exact in doubles.
  const next = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
  const breaks = ['\n', '\r\n', '\r'];
  const texts: string[] = [];
  for (let t = 0; t < count; t++) {
    const lf = t % 2 === 0; // half the texts have no CR at all (the fast path)
    let text = '';
    for (let line = next(8); line > 0; line--) text += 'x'.repeat(next(5)) + (lf ? '\n' : breaks[next(3)]);
    texts.push(text + 'y'.repeat(next(3)));
  }
  return texts;
}

describe('LineIndex', () => {
  it('maps every offset and position as the LSP text document does, for LF, CRLF and CR line ends', () => {
    for (const text of randomTexts(200)) {
      const lines = new LineIndex(text);
      const doc = TextDocument.create('file:///t', 'postfix-main', 1, text);
      assert.equal(lines.lineCount, doc.lineCount, JSON.stringify(text));
      for (let line = 0; line < doc.lineCount; line++) {
        for (let character = 0; character < 7; character++) {
          assert.equal(lines.offset({ line, character }), doc.offsetAt({ line, character }), `${JSON.stringify(text)} ${line}:${character}`);
        }
      }
      for (let offset = 0; offset <= text.length; offset++) {
        // Between CR and LF LineIndex answers the end of the line (see position()); the document does not.
        if (text[offset] === '\n' && text[offset - 1] === '\r') continue;
        assert.deepEqual(lines.position(offset), doc.positionAt(offset), `${JSON.stringify(text)} @${offset}`);
      }
    }
  });
});
