/** Hover on parameter names: main.cf entries and -o options, on real config text. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hover } from '../../server/core/features/hover';
import { featureContext } from '../helpers/featureContext';
import { hoverAtCaret } from '../helpers/hover';
import { caret } from '../helpers/markers';

const MASTER = [
  'smtp      inet  n       -       y       -       -       smtpd',
  'submission inet n       -       y       -       -       smtpd',
  '  -o smtpd_tls_security_level=encrypt',
  '  -o syslog_name=$service_name-in',
  'relay     unix  -       -       n       -       -       smtp',
  '  -o smtp_helo_name=relay.$mydomain',
  '  -o relay_destination_concurrency_limit=9',
  'mypipe    unix  -       n       n       -       -       pipe flags=R argv=/bin/cat',
  '',
].join('\n');

/** The Markdown of the hover at the caret in main.cf (or master.cf). */
function hoverText(marked: string, opts: { file?: 'main' | 'master'; other?: string; version?: string } = {}): { text: string; range?: unknown } {
  const file = opts.file ?? 'main';
  return hoverAtCaret({ file, marked, other: opts.other ?? (file === 'main' ? MASTER : ''), version: opts.version ?? '3.7.11' });
}

describe('hover on a parameter name', () => {
  it('shows type, default, value in effect (expanded), since, readers, scope and the postconf(5) link', () => {
    const { text, range } = hoverText('mydomain = example.com\nsmtp_helo|_name = mail.$mydomain\n');
    assert.match(text, /^\*\*smtp_helo_name\*\* — Postfix parameter/);
    assert.match(text, /\*\*Type:\*\* text, at least 1/);
    assert.match(text, /\*\*Default in Postfix 3\.7\.11:\*\* `\$myhostname`/);
    assert.match(text, /\*\*In effect:\*\* `mail\.\$mydomain` → `mail\.example\.com`, from main\.cf line 2/);
    assert.match(text, /\*\*Since:\*\* Postfix 2\.0/);
    assert.match(text, /\*\*Read by:\*\* smtp$/m);
    assert.match(text, /Outbound: applies when this server delivers mail/);
    assert.match(text, /\[postconf\(5\): smtp_helo_name\]\(https:\/\/www\.postfix\.org\/postconf\.5\.html#smtp_helo_name\)/);
    assert.match(text, /\*\*Overridden with `-o` for:\*\* `relay\/unix` \(master\.cf line 5\)/);
    assert.deepEqual(range, { start: { line: 1, character: 0 }, end: { line: 1, character: 14 } });
  });

  it('shows an -o value as that service sees it', () => {
    const { text } = hoverText(MASTER.replace('smtp_helo_name=', 'smtp_helo|_name='), { file: 'master', other: 'mydomain = example.org\n' });
    assert.match(text, /\*\*In effect:\*\* `relay\.\$mydomain` → `relay\.example\.org`, from `-o` on `relay\/unix` \(master\.cf line 6\)/);
  });

  it('expands $service_name in the service\'s own context', () => {
    const { text } = hoverText(MASTER.replace('syslog_name=', 'syslog_na|me='), { file: 'master' });
    assert.match(text, /`\$service_name-in` → `submission-in`/);
  });

  it('shows the default when nothing sets the name, and the unit of a bare time value', () => {
    const { text } = hoverText('maximal_queue_lifetime = 3\nbounce_queue_life|time = 5d\n');
    assert.match(text, /\*\*Type:\*\* time \(a number with unit s, m, h, d or w; a bare number counts in days\), at most 8640000/);
    const other = hoverText('default_process_lim|it = 7\n').text;
    assert.match(other, /\*\*Default in Postfix 3\.7\.11:\*\* `100`/);
    assert.match(other, /\*\*Type:\*\* whole number, at least 1/);
    assert.match(other, /\*\*Read by:\*\* master\(8\), from main\.cf only: it fills in each maxproc field of "-" when master starts/, 'only master uses it');
    assert.match(hoverText('inet_protoc|ols = all\n').text, /\*\*Read by:\*\* every Postfix program \(global\)/);
  });

  it('names the value Postfix computes on the server instead of inventing one', () => {
    const { text } = hoverText('smtpd_ba|nner = $myhostname ESMTP\n', { version: '3.11' });
    assert.match(text, /`\$myhostname ESMTP`, from main\.cf line 1; `\$myhostname` is computed on the mail server/);
  });

  it('explains a service-defined name with its transport_* template and link', () => {
    const { text } = hoverText('relay_destination_concurrency_li|mit = 3\n');
    assert.match(text, /the `transport_destination_concurrency_limit` setting of the `relay` transport \(master\.cf line 5, command `smtp`\)/);
    assert.match(text, /\*\*Default in Postfix 3\.7\.11:\*\* `\$default_destination_concurrency_limit`/);
    assert.match(text, /\*\*In effect:\*\* `3`, from main\.cf line 1/);
    assert.match(text, /\*\*Read by:\*\* qmgr, oqmgr/);
    assert.match(text, /#transport_destination_concurrency_limit\)/);
  });

  it('says an -o of a queue manager setting on a delivery service has no effect', () => {
    const { text } = hoverText(MASTER.replace('-o relay_destination', '-o relay|_destination'), { file: 'master', other: '' });
    assert.match(text, /The queue manager reads this from main\.cf: an `-o` on `relay` does not reach it\./);
    assert.match(text, /\*\*In effect \(for the queue manager\):\*\* `\$default_destination_concurrency_limit` → `20`, from the default of Postfix 3\.7\.11/);
    const builtin = hoverText(MASTER.replace('-o smtp_helo_name=relay.$mydomain', '-o default_destination_concurrency_li|mit=2'), { file: 'master', other: 'default_destination_concurrency_limit = 4\n' }).text;
    assert.match(builtin, /\*\*In effect \(for the queue manager\):\*\* `4`, from main\.cf line 1/);
    assert.match(builtin, /The queue manager reads this from main\.cf: an `-o` on `relay` does not reach it\./);
  });

  it('uses the pipe-only _time_limit template for pipe services', () => {
    const { text } = hoverText('mypipe_time_li|mit = 100s\n');
    assert.match(text, /`transport_time_limit` setting of the `mypipe` transport/);
    assert.match(text, /`\$command_time_limit`/);
  });

  it('says when a name is not a Postfix parameter of the target release', () => {
    assert.match(hoverText('myhostnme| = x\n').text, /Not a Postfix parameter in Postfix 3\.7\.11: postconf reports it as unused/);
    const newer = hoverText('smtp_tlsrpt_en|able = yes\n', { version: '3.7' }).text;
    assert.match(newer, /Not a parameter of Postfix 3\.7\.22 \(the target release\); Postfix 3\.10\.0 \.\. 3\.12-20260821 has it\./);
  });

  it('recognises a user-defined name that something refers to', () => {
    const { text } = hoverText('my_networks_x| = 10.0.0.0/8\nmynetworks = $my_networks_x\n');
    assert.match(text, /a user-defined name, kept because/);
    assert.match(text, /\*\*In effect:\*\* `10\.0\.0\.0\/8`, from main\.cf line 1/);
  });

  it('warns about names going away, as the target release\'s postconf does', () => {
    const { text } = hoverText('smtp_use_t|ls = yes\n', { version: '3.9' });
    assert.match(text, /Postfix 3\.9\.14 warns that this parameter is going away: use "smtp_tls_security_level" instead\./);
    assert.doesNotMatch(hoverText('smtp_use_t|ls = yes\n', { version: '3.7' }).text, /going away/);
    // 3.11 deprecated more names; 3.10 still reads them silently.
    assert.match(hoverText('virtual_ma|ps = hash:/etc/postfix/virtual\n', { version: '3.11' }).text, /3\.11\.6 warns .* use "virtual_alias_maps" instead/);
    assert.doesNotMatch(hoverText('virtual_ma|ps = hash:/etc/postfix/virtual\n', { version: '3.10' }).text, /going away/);
  });

  it('says which release stands in for one the knowledge base lacks', () => {
    const { text } = hoverText('myhost|name = a.example\n', { version: '3.7.15' });
    assert.match(text, /Postfix 3\.7\.15 is not among the releases known here: the nearest older one, 3\.7\.11, is used/);
    assert.match(text, /\*\*Default in Postfix 3\.7\.11:\*\*/);
    assert.doesNotMatch(hoverText('myhost|name = a.example\n', { version: '3.7.11' }).text, /not among the releases/);
  });

  it('gives nothing on a value or a comment', () => {
    const { text, offset } = caret('# smtp_helo|_name\nmyhostname = host.example\n');
    const ctx = featureContext({ main: text, file: 'main' });
    assert.equal(hover(ctx, offset), null);
    assert.equal(hover(ctx, text.indexOf('host.example') + 2), null);
  });
});
