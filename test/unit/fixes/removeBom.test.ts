import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixesFor } from '../../helpers/analysis';

describe('quick-fix: remove the byte-order mark', () => {
  it('deletes only the U+FEFF at the start of the file', () => {
    const main = '\ufeffmyhostname = mail.example.com\r\nmydomain = example.com\r\n';
    const { actions } = fixesFor({ main }, 'main', 'unknown-parameter');
    assert.deepEqual(actions.map((a) => a.title), ['Remove the byte-order mark (U+FEFF)']);
    const { after } = applyFix({ main }, 'main', 'unknown-parameter');
    assert.equal(after, 'myhostname = mail.example.com\r\nmydomain = example.com\r\n');
    assert.deepEqual(findingsOf({ main: after }), []);
  });

  it('offers the rename, not the mark removal, when the name after the mark is unknown too', () => {
    // Removing only the mark left "myhostnme", still unknown.
    const main = '\ufeffmyhostnme = mail.example.com\n';
    const { actions, diagnostics } = fixesFor({ main }, 'main', 'unknown-parameter');
    assert.match(String(diagnostics[0].message), /Unknown parameter "myhostnme" \(after an invisible byte-order mark/);
    assert.deepEqual(actions.map((a) => a.title), ['Change to "myhostname"']);
    const { after } = applyFix({ main }, 'main', 'unknown-parameter');
    assert.equal(after, 'myhostname = mail.example.com\n');
    assert.deepEqual(findingsOf({ main: after }), []);
  });
});
