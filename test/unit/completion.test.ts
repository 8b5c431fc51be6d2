/** Completion on real config text, with the caret marked by "|". */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { completion } from '../../server/core/features/completion';
import { featureContext } from '../helpers/featureContext';
import { caret } from '../helpers/markers';

const MASTER = 'smtp inet n - y - - smtpd\nrelay unix - - n - - smtp\nmypipe unix - n n - - pipe argv=/bin/cat\n';

function complete(file: 'main' | 'master', marked: string, other?: string, version = '3.7.11'): CompletionItem[] {
  const { text, offset } = caret(marked);
  const ctx = featureContext(file === 'main'
    ? { main: text, master: other ?? MASTER, file, version }
    : { main: other ?? '', master: text, file, version });
  return completion(ctx, offset);
}

/** label -> [newText, start char, end char] for one item. */
function edit(items: CompletionItem[], label: string): [string, number, number, number] {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.length}`);
  const e = item.textEdit as TextEdit;
  return [e.newText, e.range.start.line, e.range.start.character, e.range.end.character];
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => String(i.label));

describe('completion in main.cf', () => {
  it('offers parameter names at the start of a line, replacing the whole word', () => {
    const items = complete('main', 'myhostname = a\nsmtp_tls_sec|');
    assert.deepEqual(edit(items, 'smtp_tls_security_level'), ['smtp_tls_security_level = ', 1, 0, 12]);
    const mid = complete('main', 'smtp_tls_sec|urity_lvl = may\n');
    assert.deepEqual(edit(mid, 'smtp_tls_security_level'), ['smtp_tls_security_level', 0, 0, 21]);
    assert.match(String(items.find((i) => i.label === 'maximal_queue_lifetime')?.detail), /^time · default: 5d$/);
  });

  it('offers only the target release\'s names, plus names master.cf defines', () => {
    const old = labels(complete('main', '|', undefined, '3.7'));
    assert.ok(!old.includes('smtp_tlsrpt_enable'));
    assert.ok(labels(complete('main', '|', undefined, '3.10')).includes('smtp_tlsrpt_enable'));
    assert.ok(old.includes('relay_destination_concurrency_limit'));
    assert.ok(old.includes('mypipe_time_limit'));
    assert.ok(!old.includes('relay_time_limit'), 'only pipe and spawn get _time_limit');
    assert.ok(!old.includes('smtpd_destination_concurrency_limit'));
    assert.ok(!old.includes('process_id'), 'read-only names are not offered');
  });

  it('marks names that 3.9+ retires as deprecated', () => {
    const item = complete('main', 'smtp_use|', undefined, '3.9').find((i) => i.label === 'smtp_use_tls');
    assert.deepEqual(item?.tags, [1]);
    assert.equal(complete('main', 'smtp_use|', undefined, '3.7').find((i) => i.label === 'smtp_use_tls')?.tags, undefined);
  });

  it('offers yes/no for booleans and keywords for keyword-valued parameters', () => {
    assert.deepEqual(labels(complete('main', 'soft_bounce = |')), ['yes', 'no']);
    const levels = complete('main', 'smtp_tls_security_level = ma|y');
    assert.deepEqual(labels(levels), ['none', 'may', 'encrypt', 'dane', 'dane-only', 'fingerprint', 'verify', 'secure']);
    assert.deepEqual(edit(levels, 'encrypt'), ['encrypt', 0, 26, 29]);
    assert.deepEqual(labels(complete('main', 'smtpd_tls_security_level = |')), ['none', 'may', 'encrypt']);
    assert.deepEqual(labels(complete('main', 'myhostname = |')), []);
  });

  it('offers the next item of a list value, also on a continuation line', () => {
    const items = complete('main', 'inet_protocols = ipv4, ip|');
    assert.deepEqual(edit(items, 'ipv6'), ['ipv6', 0, 23, 25]);
    assert.deepEqual(labels(complete('main', 'inet_protocols = ipv4,\n    |')), ['all', 'ipv4', 'ipv6']);
  });

  it('offers keywords by release: compatibility level 3.11 only for 3.11+', () => {
    assert.deepEqual(labels(complete('main', 'compatibility_level = |', undefined, '3.7')), ['0', '1', '2', '3.6']);
    assert.deepEqual(labels(complete('main', 'compatibility_level = |', undefined, '3.11')), ['0', '1', '2', '3.6', '3.11']);
  });

  it('offers names after $, ${ and $( but not after $$', () => {
    const items = complete('main', 'mydomain = example.com\nmy_x = 1\nmyorigin = $my|');
    assert.deepEqual(edit(items, 'mydomain'), ['mydomain', 2, 12, 14]);
    assert.ok(labels(items).includes('my_x'));
    assert.ok(!labels(items).includes('myorigin'), 'not the parameter being edited');
    assert.ok(labels(items).includes('relay_destination_concurrency_limit'));
    assert.deepEqual(edit(complete('main', 'x = ${my|}'), 'myhostname'), ['myhostname', 0, 6, 8]);
    assert.deepEqual(edit(complete('main', 'x = $(|)'), 'myhostname'), ['myhostname', 0, 6, 6]);
    assert.deepEqual(complete('main', 'x = $$my|'), []);
    assert.ok(complete('main', 'x = $$$my|').length > 0);
  });

  it('offers nothing in comments', () => {
    assert.deepEqual(complete('main', '# smtp|'), []);
    assert.deepEqual(complete('main', '   # $my|'), []);
  });
});

describe('completion in master.cf', () => {
  it('offers types, flags, wakeup, maxproc and commands by field', () => {
    assert.deepEqual(labels(complete('master', 'smtp |')), ['unix', 'inet', 'unix-dgram', 'pass', 'fifo']);
    assert.deepEqual(labels(complete('master', 'smtp inet |')), ['-', 'y', 'n']);
    assert.deepEqual(labels(complete('master', 'smtp inet n - |')), ['-', 'y', 'n']);
    const chroot = complete('master', 'smtp inet n - |', 'compatibility_level = 2\n');
    assert.equal(chroot.find((i) => i.label === '-')?.detail, 'default: n');
    assert.equal(complete('master', 'smtp inet n - |').find((i) => i.label === '-')?.detail, 'default: y (compatibility_level < 1)');
    const maxproc = complete('master', 'smtp inet n - n - |', 'default_process_limit = 30\n');
    assert.equal(maxproc.find((i) => i.label === '-')?.detail, 'default_process_limit = 30');
    const commands = complete('master', 'smtp inet n - n - - smt|');
    assert.deepEqual(edit(commands, 'smtpd'), ['smtpd', 0, 20, 23]);
    assert.ok(labels(commands).includes('trivial-rewrite'));
    assert.deepEqual(complete('master', '|'), []);
    assert.deepEqual(complete('master', 'smt|'), []);
  });

  it('offers parameter names after -o, the service-defined ones where the queue manager reads them', () => {
    const items = complete('master', `${MASTER}submission inet n - y - - smtpd\n  -o |`);
    assert.deepEqual(edit(items, 'smtpd_tls_security_level'), ['smtpd_tls_security_level=', 4, 5, 5]);
    // Only qmgr reads relay_destination_concurrency_limit: an -o on smtpd would do nothing.
    assert.ok(!labels(items).includes('relay_destination_concurrency_limit'));
    const qmgr = complete('master', `${MASTER}qmgr unix n - n 300 1 qmgr\n  -o |`);
    assert.ok(labels(qmgr).includes('relay_destination_concurrency_limit'));
    const typed = complete('master', 'relay unix - - n - - smtp -o smtp_helo|=x');
    assert.deepEqual(edit(typed, 'smtp_helo_name'), ['smtp_helo_name', 0, 29, 38]);
    const long = complete('master', 'relay unix - - n - - smtp\n  -o { smtp_hel| = x }');
    assert.deepEqual(edit(long, 'smtp_helo_name'), ['smtp_helo_name', 1, 7, 15]);
  });

  it('offers values after -o name=', () => {
    const items = complete('master', 'submission inet n - y - - smtpd\n  -o smtpd_tls_security_level=e|');
    assert.deepEqual(edit(items, 'encrypt'), ['encrypt', 1, 30, 31]);
    assert.deepEqual(labels(complete('master', 'submission inet n - y - - smtpd -o { smtpd_sasl_auth_enable = | }')), ['yes', 'no']);
  });

  it('offers $names in -o values, the service\'s own -o first', () => {
    const items = complete('master', 'relay unix - - n - - smtp\n  -o my_helo=h.example\n  -o smtp_helo_name=$|');
    assert.equal(items[0].label, 'my_helo');
    assert.ok(!labels(items).includes('smtp_helo_name'));
  });
});

describe('completion at a caret inside a surrogate pair', () => {
  it('answers with ranges that start and end before the pair, never between its halves', () => {
    // A client never puts the caret there, but a position one unit into an emoji reaches the
    // core as such an offset; the range used to start right between the two halves.
    const master = 'a\0\u{1F600}b\n';
    const ctx = featureContext({ main: '', master, file: 'master' });
    const items = completion(ctx, master.indexOf('\u{1F600}') + 1);
    assert.ok(items.length > 0);
    for (const item of items) assert.deepEqual((item.textEdit as TextEdit).range.start, { line: 0, character: 2 });
  });
});
