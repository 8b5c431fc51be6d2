/**
 * Explain Log reads a host's log with argument arrays: locally the program runs without a
 * shell; over ssh the remote words are fixed and each quoted for the remote shell, after
 * "--" and a host validated as Diagnose validates it. Checked with a fake ssh on PATH that
 * records what it was given, and with a real sh reading the remote command line.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkHost } from '../../../client/diagnose/validate';
import { fetchLog } from '../../../client/logs/fetch';
import { FILE_LINES, hostLogCommands } from '../../../client/logs/hostLog';

const JOURNAL = ['journalctl', '-q', '--no-pager', '-o', 'short-iso-precise', '-u', 'postfix*', '--since', '-2h'];

describe('reading a host\'s log', () => {
  let tmp: string;
  let savedPath: string | undefined;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'postfix-hostlog-'));
    // A fake ssh: records its arguments, then prints one log line (or nothing for the journal of "empty").
    writeFileSync(path.join(tmp, 'ssh'), '#!/bin/sh\nprintf \'%s\\n\' "$@" >> "$FAKE_SSH_ARGS"\nprintf \'%s\\n\' "---" >> "$FAKE_SSH_ARGS"\ncase "$*" in *empty*journalctl*) exit 0;; esac\nprintf \'Dec 03 12:09:08 mx postfix/smtp[1]: x\\n\'\n');
    chmodSync(path.join(tmp, 'ssh'), 0o755);
    savedPath = process.env.PATH;
    process.env.PATH = `${tmp}:${process.env.PATH}`;
    process.env.FAKE_SSH_ARGS = path.join(tmp, 'args');
  });
  after(() => {
    process.env.PATH = savedPath;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('runs journalctl directly on this machine, then the log files', () => {
    const commands = hostLogCommands({ kind: 'local' }, '2h', false);
    assert.deepEqual(commands.map((c) => [c.file, ...c.args]), [
      JOURNAL,
      ['tail', '-n', String(FILE_LINES), '/var/log/mail.log'],
      ['tail', '-n', String(FILE_LINES), '/var/log/maillog'],
      ['tail', '-n', String(FILE_LINES), '/var/log/postfix.log'],
    ]);
    assert.deepEqual([hostLogCommands({ kind: 'local' }, '30min', true)[0].file, ...hostLogCommands({ kind: 'local' }, '30min', true)[0].args.slice(0, 2)], ['sudo', '-n', 'journalctl']);
  });

  it('quotes each remote word for the remote shell, after -- and the host', () => {
    const [journal] = hostLogCommands({ kind: 'ssh', host: 'root@mx1.example.com' }, '2h', true);
    assert.equal(journal.file, 'ssh');
    assert.deepEqual(journal.args.slice(0, 5), ['-T', '-o', 'BatchMode=yes', '--', 'root@mx1.example.com']);
    assert.deepEqual(journal.args.slice(5), ['sudo', '-n', ...JOURNAL].map((w) => `'${w}'`));
    // What the remote shell makes of the command line ssh sends it: the same words, unglobbed.
    const dir = mkdtempSync(path.join(tmp, 'cwd-'));
    writeFileSync(path.join(dir, 'postfix-glob-bait'), '');
    const r = spawnSync('sh', ['-c', `printf '[%s]' ${journal.args.slice(5).join(' ')}`], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stdout, ['sudo', '-n', ...JOURNAL].map((w) => `[${w}]`).join(''));
  });

  it('takes hosts only as Diagnose validates them', () => {
    for (const host of ['$(touch MARKER)', '-oProxyCommand=touch MARKER', 'x; touch MARKER', 'a b', '`id`', '']) assert.ok('rejection' in checkHost(host), host);
    assert.throws(() => hostLogCommands({ kind: 'local' }, 'forever' as '2h', false), /unknown span/);
  });

  it('streams the first command that has a log into a private file, and stops at cancel', async () => {
    const args = path.join(tmp, 'args');
    writeFileSync(args, '');
    const file = path.join(tmp, 'fetched.log');
    const fetched = await fetchLog(hostLogCommands({ kind: 'ssh', host: 'empty.example' }, '24h', false), file);
    assert.deepEqual([fetched.bytes > 0, fetched.reads, fetched.failures], [true, '/var/log/mail.log on empty.example', ['the journal (postfix*, since -24h) on empty.example: nothing']]);
    assert.equal(readFileSync(file, 'utf8'), 'Dec 03 12:09:08 mx postfix/smtp[1]: x\n');
    const calls = readFileSync(args, 'utf8').split('---\n').filter(Boolean).map((c) => c.trim().split('\n'));
    assert.deepEqual(calls.map((c) => c.slice(0, 5)), [['-T', '-o', 'BatchMode=yes', '--', 'empty.example'], ['-T', '-o', 'BatchMode=yes', '--', 'empty.example']]);
    const cancelled = await fetchLog(hostLogCommands({ kind: 'ssh', host: 'mx' }, '24h', false), path.join(tmp, 'none.log'), { cancelled: () => true });
    assert.equal(cancelled.bytes, 0);
    assert.ok(!existsSync(path.join(tmp, 'MARKER')) && !readdirSync(tmp).includes('MARKER'));
  });
});
