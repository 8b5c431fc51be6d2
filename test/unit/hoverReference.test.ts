/** Hover on $name references: the expanded value and where it is set. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hoverAtCaret } from '../helpers/hover';

const MAIN = 'mydomain = example.com\nmyorigin = $mydomain\nrelayhost = [smtp.$mydomain]:587\n';

function hoverAt(file: 'main' | 'master', marked: string, other = ''): { text: string; range?: unknown } {
  return hoverAtCaret({ file, marked, other, version: '3.7.11' });
}

describe('hover on a $reference', () => {
  it('shows the value and the main.cf line that sets it, over the whole reference', () => {
    const { text, range } = hoverAt('main', MAIN.replace('[smtp.$mydomain]', '[smtp.$my|domain]'));
    assert.match(text, /^\*\*\$mydomain\*\* — Postfix parameter/);
    assert.match(text, /\*\*Value:\*\* `example\.com`, from main\.cf line 1/);
    assert.match(text, /postconf\.5\.html#mydomain/);
    assert.deepEqual(range, { start: { line: 2, character: 18 }, end: { line: 2, character: 27 } });
  });

  it('expands recursively and reports the default when main.cf does not set it', () => {
    const { text } = hoverAt('main', 'x = ${double_bounce_sen|der}\n');
    assert.match(text, /\*\*Value:\*\* `double-bounce`, from the default of Postfix 3\.7\.11/);
    const nested = hoverAt('main', 'a = $b\nb = ${c}-x\nc = deep\nd = $|a\n').text;
    assert.match(nested, /\*\*Value:\*\* `\$b` → `deep-x`, from main\.cf line 1/);
  });

  it('knows the defaults of built-in names postconf(5) also documents as templates', () => {
    assert.match(hoverAt('main', 'x = $service_throttle_ti|me\n').text, /\*\*Value:\*\* `60s`, from the default of Postfix 3\.7\.11/);
    assert.match(hoverAt('main', 'x = $transport_retry_ti|me\n').text, /\*\*Value:\*\* `60s`, from the default of Postfix 3\.7\.11/);
  });

  it('in an -o value, prefers the same service\'s -o, then main.cf', () => {
    const master = [
      'relay unix - - n - - smtp',
      '  -o smtp_helo_name=relay.example',
      '  -o smtp_bind_address=$inet_interfaces',
      '  -o syslog_name=$smtp_hel|o_name',
    ].join('\n');
    const own = hoverAt('master', master, 'smtp_helo_name = main.example\n').text;
    assert.match(own, /\*\*Value for this service:\*\* `relay\.example`, from `-o` on `relay\/unix` \(master\.cf line 2\)/);
    const fromMain = hoverAt('master', master.replace('$smtp_hel|o_name', '$smtp_helo_name').replace('$inet_interfaces', '$inet_inter|faces'), 'inet_interfaces = 192.0.2.1\n').text;
    assert.match(fromMain, /\*\*Value for this service:\*\* `192\.0\.2\.1`, from main\.cf line 1/);
  });

  it('gives master\'s own names their per-service value', () => {
    const { text } = hoverAt('master', 'submission inet n - n - - smtpd\n  -o syslog_name=postfix/$service_na|me\n');
    assert.match(text, /\*\*Value here:\*\* `submission`, set by master\(8\) from this master\.cf entry/);
  });

  it('says when nothing defines the name', () => {
    const { text } = hoverAt('main', 'myorigin = $nosuch|thing\n');
    assert.match(text, /^\*\*\$nosuchthing\*\*$/m);
    assert.match(text, /\*\*Value:\*\* nothing sets `nosuchthing`; Postfix reads it as empty/);
  });

  it('shows why a value cannot be expanded', () => {
    const { text } = hoverAt('main', 'a = $b\nb = $a\nc = $|a\n');
    assert.match(text, /Postfix cannot expand it: unreasonable macro call nesting/);
  });

  it('answers for the innermost reference in a conditional', () => {
    const { text } = hoverAt('main', 'mydomain = example.com\nx = ${mydomain?{$my|domain}:{none}}\n');
    assert.deepEqual(hoverAt('main', 'mydomain = example.com\nx = ${mydomain?{$my|domain}:{none}}\n').range, { start: { line: 1, character: 16 }, end: { line: 1, character: 25 } });
    assert.match(text, /`example\.com`/);
  });
});
