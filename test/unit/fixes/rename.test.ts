import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixesFor } from '../../helpers/analysis';
import { lineDiff } from '../../helpers/applyEdits';

describe('quick-fix: did-you-mean rename', () => {
  it('renames an unknown main.cf parameter, one action per suggestion, the first preferred', () => {
    const main = '# my host\nmyhostnme = mail.example.com\nmydomain = example.com\n';
    const { actions } = fixesFor({ main }, 'main', 'unknown-parameter');
    assert.deepEqual(actions.map((a) => [a.title, a.kind, !!a.isPreferred]), [['Change to "myhostname"', 'quickfix', true]]);
    assert.equal(actions[0].diagnostics?.[0].code, 'unknown-parameter');
    const { after } = applyFix({ main }, 'main', 'unknown-parameter');
    assert.equal(after, '# my host\nmyhostname = mail.example.com\nmydomain = example.com\n');
    assert.deepEqual(findingsOf({ main: after }), []);
  });

  it('offers every suggestion in order', () => {
    const main = 'smtp_tls_cafile = /etc/ssl/ca.pem\n';
    const { actions } = fixesFor({ main }, 'main', 'unknown-parameter');
    assert.ok(actions.length >= 2, actions.map((a) => a.title).join());
    assert.deepEqual(actions.map((a) => !!a.isPreferred), [true, ...actions.slice(1).map(() => false)]);
    assert.equal(actions[0].title, 'Change to "smtp_tls_CAfile"');
  });

  it('renames the name of an undefined $reference and nothing else', () => {
    const main = 'myorigin = $mydomian\nmydomain = example.com\n';
    const { title, after } = applyFix({ main }, 'main', 'undefined-reference');
    assert.equal(title, 'Change to "$mydomain"');
    assert.equal(after, 'myorigin = $mydomain\nmydomain = example.com\n');
    assert.deepEqual(findingsOf({ main: after }), []);
  });

  it('renames an unknown -o name in master.cf', () => {
    const master = 'relay unix - - n - - smtp\n  -o smtp_helo_nmae=relay.example\n  -o smtp_bind_address=192.0.2.1\n';
    const { after } = applyFix({ master }, 'master', 'unknown-parameter');
    assert.deepEqual(lineDiff(master, after), { added: ['  -o smtp_helo_name=relay.example'], removed: ['  -o smtp_helo_nmae=relay.example'] });
    assert.deepEqual(findingsOf({ master: after }).filter((f) => f.code === 'unknown-parameter'), []);
  });

  it('leaves the name of an option with an unclosed "{" to option-syntax (no rename that reshapes the line)', () => {
    // "{" swallows the rest of the entry: the "name" is no name, and renaming it re-split the line.
    const master = 'a unix - - n - 2 smtp\n  -o smtpd{sender_restrictions=\n  -o smtpd_override_options=x\n';
    const codes = findingsOf({ master }).map((f) => f.code);
    assert.deepEqual(codes, ['option-syntax']);
    assert.deepEqual(fixesFor({ master }, 'master', 'unknown-parameter').actions, []);
  });

  it('suggests for a $reference only names a "$" can hold', () => {
    // main.cf accepts the name "unix<", but "$unix<" reads as "$unix" and a "<".
    const main = 'unix< = 1\nunix_ = 2\nmyorigin = $unixx\n';
    const { actions } = fixesFor({ main }, 'main', 'undefined-reference');
    assert.deepEqual(actions.map((a) => a.title), ['Change to "$unix_"']);
  });
});
