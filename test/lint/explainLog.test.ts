/**
 * postfix-lint --explain-log as an incident write-up runs it: the built dist/lint.js as a
 * process on a budget lab log (plain and gzip-compressed, rotated files in order), with
 * and without the run's configuration, in text, JSON and one self-contained HTML file.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../helpers/lspClient';

const LINT = path.join(ROOT, 'dist', 'lint.js');
const RUN = path.join(ROOT, 'test', 'fixtures', 'logs', 'cohort-suspension');

function lint(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LINT, ...args], { cwd, encoding: 'utf8', timeout: 30000, env: { ...process.env, TZ: 'UTC' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('postfix-lint --explain-log', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'postfix-lint-log-'));
    const text = readFileSync(path.join(RUN, 'maillog'), 'utf8');
    writeFileSync(path.join(tmp, 'mail.log'), text);
    // The same log rotated: the older half compressed, as logrotate leaves it.
    const lines = text.split('\n');
    const half = Math.floor(lines.length / 2);
    writeFileSync(path.join(tmp, 'mail.log.1.gz'), gzipSync(lines.slice(0, half).join('\n') + '\n'));
    writeFileSync(path.join(tmp, 'mail.log.0'), lines.slice(half).join('\n'));
    for (const f of ['main.cf', 'master.cf']) copyFileSync(path.join(RUN, f), path.join(tmp, f));
    // The run was in December 2026: the files' times give classic timestamps their year.
    const when = new Date(Date.UTC(2026, 11, 3, 13));
    for (const f of ['mail.log', 'mail.log.1.gz', 'mail.log.0']) utimesSync(path.join(tmp, f), when, when);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('explains a log in text, with the run\'s configuration', () => {
    const r = lint(['--explain-log', 'mail.log', '--config', '.'], tmp);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Postfix log explained: mail\.log\n/);
    assert.match(r.stdout, /\n {2}transports: strict; relays: 127\.0\.0\.1\[127\.0\.0\.1\]:3310 \(19\)/);
    assert.match(r.stdout, /\n {2}inferred cap: 1\. The cap is 1: /);
    assert.equal(r.stderr, 'postfix-lint: mail.log: 75 lines read, 26 used; 1 receiver\n');
  });

  it('reads rotated files in the order given, gzip-compressed or not, as one log', () => {
    const whole = JSON.parse(lint(['--explain-log', 'mail.log', '--format', 'json'], tmp).stdout);
    const r = lint(['--explain-log', 'mail.log.1.gz', '--explain-log', 'mail.log.0', '--format', 'json'], tmp);
    assert.equal(r.status, 0, r.stderr);
    const rotated = JSON.parse(r.stdout);
    assert.equal(rotated.source, 'mail.log.1.gz, mail.log.0');
    assert.deepEqual({ ...rotated, source: whole.source }, whole);
    assert.equal(whole.receivers[0].cap.value, 1);
    assert.equal(whole.receivers[0].transports[0].from, 'syslog-name', 'without --config the transport comes from the syslog name');
  });

  it('writes one self-contained HTML file', () => {
    const r = lint(['--explain-log', 'mail.log', '--format', 'html'], tmp);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>\n/);
    assert.match(r.stdout, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'; img-src data:">/);
    assert.match(r.stdout, /<svg class="chart"/);
    assert.ok(!/<script|<link|\ssrc=|\shref=/.test(r.stdout), 'nothing to load, nothing to run');
  });

  it('refuses what it cannot read, and options that do not fit', () => {
    const missing = lint(['--explain-log', 'nope.log'], tmp);
    assert.deepEqual([missing.status, missing.stderr], [2, 'postfix-lint: nope.log: no such file or directory\n']);
    const corrupt = path.join(tmp, 'bad.gz');
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    const bad = lint(['--explain-log', 'bad.gz'], tmp);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^postfix-lint: bad\.gz: cannot read \(/);
    assert.match(lint(['--explain-log', 'mail.log', '--format', 'sarif'], tmp).stderr, /--format sarif is for configurations; --explain-log writes text, json or html/);
    assert.match(lint(['--format', 'html', '.'], tmp).stderr, /--format html is for --explain-log/);
    assert.match(lint(['--explain-log', 'mail.log', '.'], tmp).stderr, /--explain-log takes no configuration path; give it with --config DIR/);
    assert.match(lint(['--config', '.', '.'], tmp).stderr, /--config goes with --explain-log/);
    assert.match(lint(['--help'], tmp).stdout, /--explain-log FILE/);
  });
});
