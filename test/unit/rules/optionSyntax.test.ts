import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run, severities } from '../../helpers/analysis';
import { measure } from '../../helpers/cpu';
import { parseMasterCf } from '../../../server/core/syntax/masterCf';
import { optionIssues } from '../../../server/core/model/optionForms';

const CODE = 'option-syntax';

describe('option-syntax', () => {
  it('flags spaced, missing-"=" and unclosed -o forms as errors', () => {
    const r = run(CODE, {
      master: [
        'a unix - - n - - smtp [[-o smtp_helo_name = a.example]] -o smtp_bind_address=1.2.3.4',
        'b unix - - n - - smtp [[-o smtp_helo_name =a.example]]',
        'c unix - - n - - smtp [[-o smtpd_recipient_restrictions= permit_mynetworks, reject]]',
        'd unix - - n - - smtp [[-o smtp_helo_name]] -o smtp_fallback_relay= -o x=y',
        'e unix - - n - - smtp [[-o { smtp_helo_name = a]]',
        'f unix - - n - - smtp [[-o { smtp_helo_name a }]]',
        'g unix - - n - - smtp [[-osmtp_helo_name]]',
        '',
      ].join('\n'),
    });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(new Set(severities(r)), new Set(['error']));
    const [spaced, , strayValue, missing, unclosed] = r.found.map((f) => f.message);
    assert.match(spaced, /smtp gets "-o smtp_helo_name" and stops with "missing '=' after attribute name"/);
    assert.match(strayValue, /gets "-o smtpd_recipient_restrictions=" and a stray "permit_mynetworks,", and stops with "unknown attribute name"/);
    assert.match(missing, /"-o" needs name=value/);
    assert.match(unclosed, /Missing "}" .* master\(8\) stops/);
  });

  it('warns about -oname=value that postconf misreads, and only hints when it reads it right', () => {
    const r = run(CODE, {
      master: 'a unix - - n - - smtp [[-osmtp_helo_name=foo]] [[-osmtp_bind_address=1.2.3.4]] [[-o{smtp_helo_name=x}]]\n',
    });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(severities(r), ['warning', 'hint', 'warning']);
    assert.match(r.found[0].message, /postconf splits it at every "o" \(-o smtp_hel -o _name=f -o -o\)/);
  });

  it('stops where the daemons stop reading options: at the first other argument', () => {
    const r = run(CODE, {
      master: 'spam unix - n n - - pipe user=spam argv=/usr/bin/spamc -e /usr/sbin/sendmail -oi -f ${sender}\n',
    });
    assert.deepEqual(r.found, []);
  });

  it('reads a stray word after "-o name=" even when it holds a brace (it used to throw)', () => {
    const r = run(CODE, { master: 'a unix - - n - - smtp [[-o smtp_bind_address= x}]]\n' });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /gets "-o smtp_bind_address=" and a stray "x}", and stops with "unknown attribute name"/);
  });

  it('reads -o{...} as the daemons do: as the long form -o {...}', () => {
    // The 3.7.11 smtp daemon: "-o{foo}" stops it with "missing '=' after attribute name".
    const r = run(CODE, { master: 'a unix - - n - - smtp [[-o{smtp_helo_name}]] [[-o{smtp_helo_name=x]]\n' });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(severities(r), ['error', 'error']);
    assert.match(r.found[0].message, /"-o" needs name=value/);
    assert.match(r.found[1].message, /Missing "}"/);
  });

  it('checks 20,000 options on one line in linear time', () => {
    const tree = parseMasterCf(`smtp inet n - y - - smtpd ${'-o a=b '.repeat(20_000)}-o x\n`);
    const { result, cpuMs } = measure(() => optionIssues(tree.entries[0]));
    assert.deepEqual(result.map((i) => i.kind), ['missing-equals']);
    // A scan of the remaining arguments per option took 24 s here.
    assert.ok(cpuMs < 1000, `took ${Math.round(cpuMs)} ms`);
  });

  it('flags an empty name and a stuck "-oname=" followed by a stray word as errors', () => {
    // The 3.7.11 smtp daemon: "-o =x" and "-o=x" stop it with "missing attribute name";
    // "-osmtp_bind_address= x" with "unknown attribute name: x".
    const r = run(CODE, { master: 'a unix - - n - - smtp [[-o =x]] [[-o=y]]\nb unix - - n - - smtp [[-osmtp_bind_address= 1.2.3.4]]\n' });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(severities(r), ['error', 'error', 'error']);
    assert.match(r.found[0].message, /needs a parameter name before "=": smtp stops with "missing attribute name"/);
    assert.match(r.found[2].message, /smtp gets "-o smtp_bind_address=" and a stray "1\.2\.3\.4"/);
  });

  it('checks the options after the words of a spaced option too', () => {
    // Rewriting the spaced option used to reveal the error after it.
    const r = run(CODE, { master: 'a unix - - n - - smtp [[-o smtp_helo_name = x]] [[-osmtp_bind_address]]\n' });
    assert.deepEqual(r.spans, r.expected);
  });
});
