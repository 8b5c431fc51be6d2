import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixesFor } from '../../helpers/analysis';
import { parseMasterCf } from '../../../server/core/syntax/masterCf';

describe('quick-fix: -o forms', () => {
  it('rewrites -o name = value in the long form, which Postfix reads as intended', () => {
    const master = 'sub inet n - n - - smtpd\n  -o smtpd_recipient_restrictions = permit_sasl_authenticated, reject\n  -o smtpd_tls_security_level=encrypt\n';
    const { title, after } = applyFix({ master }, 'master', 'option-syntax');
    assert.equal(title, 'Rewrite in the long form: "-o { smtpd_recipient_restrictions = permit_sasl_authenticated, reject }"');
    assert.equal(after, 'sub inet n - n - - smtpd\n  -o { smtpd_recipient_restrictions = permit_sasl_authenticated, reject }\n  -o smtpd_tls_security_level=encrypt\n');
    const options = parseMasterCf(after).entries[0].options.map((o) => `${o.form}:${o.name.text}=${o.value.text}`);
    assert.deepEqual(options, ['long:smtpd_recipient_restrictions=permit_sasl_authenticated, reject', 'short:smtpd_tls_security_level=encrypt']);
    assert.deepEqual(findingsOf({ master: after }), []);
  });

  it('rewrites "name= value" and "name =value" the same way', () => {
    const master = 'a unix - - n - - smtp -o smtp_helo_name= a.example\nb unix - - n - - smtp -o smtp_helo_name =b.example\n';
    const first = applyFix({ master }, 'master', 'option-syntax').after;
    const both = applyFix({ master: first }, 'master', 'option-syntax').after;
    assert.equal(both, 'a unix - - n - - smtp -o { smtp_helo_name= a.example }\nb unix - - n - - smtp -o { smtp_helo_name =b.example }\n');
    assert.deepEqual(parseMasterCf(both).entries.map((s) => s.options.map((o) => `${o.name.text}=${o.value.text}`)), [['smtp_helo_name=a.example'], ['smtp_helo_name=b.example']]);
    assert.deepEqual(findingsOf({ master: both }), []);
  });

  it('inserts the space in -oname=value', () => {
    const master = 'relay unix - - n - - smtp -osmtp_helo_name=foo\n';
    const { title, after } = applyFix({ master }, 'master', 'option-syntax');
    assert.equal(title, 'Insert a space: "-o smtp_helo_name=foo"');
    assert.equal(after, 'relay unix - - n - - smtp -o smtp_helo_name=foo\n');
    assert.deepEqual(findingsOf({ master: after }), []);
  });

  it('offers nothing where it cannot know the intent (missing "=", unclosed "{")', () => {
    const master = 'a unix - - n - - smtp -o smtp_helo_name\nb unix - - n - - smtp -o { smtp_helo_name = x\n';
    const { actions, diagnostics } = fixesFor({ master }, 'master', 'option-syntax');
    assert.equal(diagnostics.length, 2);
    assert.deepEqual(actions, []);
  });

  it('offers no rewrite when the words hold braces, and no space for -o{...} that would still be wrong', () => {
    // "-o { a= x} }" would close at "x}"; "-o {smtp_helo_name}" still lacks "=", and an unclosed "{" stays unclosed.
    const master = 'a unix - - n - - smtp -o smtp_bind_address= x}\nb unix - - n - - smtp -o{smtp_helo_name}\nc unix - - n - - smtp -o{smtp_helo_name=x\n';
    const { actions, diagnostics } = fixesFor({ master }, 'master', 'option-syntax');
    assert.equal(diagnostics.length, 3);
    assert.deepEqual(actions, []);
  });

  it('rewrites a stuck "-oname= value" in the long form after the "-o", and offers nothing for "-o= value"', () => {
    // Inserting a space in "-o=" gave "-o =", still wrong; a stuck "-oname=" before a stray word is spaced too.
    const master = 'b unix - - n - - smtp -osmtp_bind_address= 1.2.3.4\n';
    const { title, after } = applyFix({ master }, 'master', 'option-syntax');
    assert.equal(title, 'Rewrite in the long form: "-o { smtp_bind_address= 1.2.3.4 }"');
    assert.equal(after, 'b unix - - n - - smtp -o { smtp_bind_address= 1.2.3.4 }\n');
    assert.deepEqual(findingsOf({ master: after }), []);
    assert.deepEqual(fixesFor({ master: 'a unix - - n - - smtp -o= noanonymous\n' }, 'master', 'option-syntax').actions, []);
  });

  it('offers no rewrite when the words would make a value Postfix cannot expand', () => {
    // "-o { content_filter= $-o }" trades the stray word for a "$" error.
    const master = 'a unix - - n - - smtp -o content_filter= $-o\n';
    const { actions, diagnostics } = fixesFor({ master }, 'master', 'option-syntax');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(actions, []);
  });
});
