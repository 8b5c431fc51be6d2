/**
 * postfix-lint as users run it: the built dist/lint.js as a process, on configuration
 * folders written to a temp directory; checks its output formats and exit statuses.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Log } from 'sarif';
import { CODES, CodeInfo } from '../../server/core/diagnosticCodes';
import { ROOT } from '../helpers/lspClient';

const LINT = path.join(ROOT, 'dist', 'lint.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function lint(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [LINT, ...args], { cwd, encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BROKEN_MAIN = [
  'myhostnme = mail.example.com', // 1: unknown-parameter (warning)
  'mydomain = example.com',
  'relayhost = $relay_hots', // 3: undefined-reference (warning)
  'broken line', // 4: syntax-error (error)
  '',
].join('\n');

describe('postfix-lint', () => {
  let tmp: string;
  const write = (dir: string, files: Record<string, string>): string => {
    const d = path.join(tmp, dir);
    mkdirSync(d, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
    return d;
  };
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'postfix-lint-'));
    write('broken', { 'main.cf': BROKEN_MAIN });
    write('warnings', { 'main.cf': 'myhostnme = mail.example.com\n' });
    write('clean', { 'main.cf': 'myhostname = mail.example.com\n', 'master.cf': 'smtp inet n - y - - smtpd\n' });
    write('pair', {
      'main.cf': 'relay2_destination_concurrency_limit = 2\n',
      'master.cf': 'relay2 unix - - n - - smtp\n  -o bogus_option_x=1\n',
    });
    write('newer', { 'main.cf': 'x_maps = $default_cache_db_type:/etc/postfix/x\nsmtpd_recipient_restrictions = check_recipient_access $x_maps\n' });
    write('dup', { 'main.cf': 'smtpd_banner = a\nsmtpd_banner = b\n' });
    write('empty-dir', {});
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints compiler-style lines and exits 1 when there are errors', () => {
    const r = lint(['broken'], tmp);
    // The wording of messages belongs to the rules; the line format is this tool's.
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 4, r.stdout);
    assert.match(lines[0], /^broken\/main\.cf:1:1: warning: Unknown parameter "myhostnme".* \[unknown-parameter\]$/);
    assert.match(lines[1], /^broken\/main\.cf:3:14: warning: "\$relay_hots" is not defined.* \[undefined-reference\]$/);
    assert.match(lines[2], /^broken\/main\.cf:4:1: error: Missing "=" after "broken".* \[syntax-error\]$/);
    assert.equal(lines[3], '', 'ends with a newline');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /1 file checked: 1 error, 2 warnings/);
  });

  it('follows a finding with its related places as note: lines', () => {
    const lines = lint(['dup'], tmp).stdout.split('\n');
    assert.match(lines[0], /^dup\/main\.cf:1:1: warning: .*\[duplicate-parameter\]$/);
    assert.match(lines[1], /^dup\/main\.cf:2:1: note: /);
    assert.equal(lines.length, 3);
  });

  it('exits 0 on warnings alone, and 1 with --strict', () => {
    const plain = lint(['warnings'], tmp);
    assert.equal(plain.status, 0);
    assert.match(plain.stdout, /^warnings\/main\.cf:1:1: warning: .*\[unknown-parameter\]\n$/);
    assert.equal(lint(['--strict', 'warnings'], tmp).status, 1);
    const clean = lint(['--strict', 'clean'], tmp);
    assert.equal(clean.status, 0);
    assert.equal(clean.stdout, '');
    assert.match(clean.stderr, /2 files checked: 0 errors, 0 warnings/);
  });

  it('--disable switches codes off (repeated or comma-separated)', () => {
    const r = lint(['--disable', 'syntax-error', '--disable=unknown-parameter,undefined-reference', 'broken'], tmp);
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
    const one = lint(['--disable', 'syntax-error', 'broken'], tmp);
    assert.equal(one.status, 0, 'only warnings are left');
    assert.doesNotMatch(one.stdout, /syntax-error/);
    assert.match(one.stdout, /\[unknown-parameter\]/);
  });

  it('--severity CODE=LEVEL raises, lowers or switches off a code', () => {
    const raised = lint(['--severity', 'unknown-parameter=error', 'warnings'], tmp);
    assert.equal(raised.status, 1, 'an error now');
    assert.match(raised.stdout, /: error: .*\[unknown-parameter\]/);
    const lowered = lint(['--severity=syntax-error=hint,unknown-parameter=information', 'broken'], tmp);
    assert.equal(lowered.status, 0, 'no errors left');
    assert.match(lowered.stdout, /: hint: .*\[syntax-error\]/);
    assert.match(lowered.stdout, /: info: .*\[unknown-parameter\]/);
    assert.equal(lint(['--severity', 'syntax-error=off', '--disable', 'unknown-parameter,undefined-reference', 'broken'], tmp).stdout, '');
  });

  it('--format json lists every finding with 1-based and LSP positions', () => {
    const r = lint(['--format', 'json', 'broken'], tmp);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.files, ['broken/main.cf']);
    assert.deepEqual(out.summary, { errors: 1, warnings: 2, notes: 0 });
    assert.deepEqual(
      out.findings.map((f: { code: string; line: number; column: number; endColumn: number; severity: string }) => [f.code, f.severity, f.line, f.column, f.endColumn]),
      [['unknown-parameter', 'warning', 1, 1, 10], ['undefined-reference', 'warning', 3, 14, 24], ['syntax-error', 'error', 4, 1, 12]],
    );
    assert.deepEqual(out.findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    assert.deepEqual(out.findings[0].data.suggestions, ['myhostname']);
  });

  it('--format sarif writes a SARIF 2.1.0 log whose rules are our codes', () => {
    const r = lint(['--format', 'sarif', 'broken'], tmp);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as Log;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const rules = run.tool.driver.rules ?? [];
    assert.deepEqual(rules.map((x) => x.id), Object.keys(CODES));
    assert.deepEqual(rules.map((x) => x.defaultConfiguration?.level), Object.values(CODES as Record<string, CodeInfo>).map((c) => (c.severity === 'error' ? 'error' : c.severity === 'warning' ? 'warning' : 'note')));
    const results = run.results ?? [];
    assert.deepEqual(results.map((x) => [x.ruleId, rules[x.ruleIndex!].id, x.level]), [
      ['unknown-parameter', 'unknown-parameter', 'warning'],
      ['undefined-reference', 'undefined-reference', 'warning'],
      ['syntax-error', 'syntax-error', 'error'],
    ]);
    const loc = results[2].locations![0].physicalLocation!;
    assert.equal(loc.artifactLocation!.uri, 'broken/main.cf', 'relative to the working directory');
    assert.deepEqual(loc.region, { startLine: 4, startColumn: 1, endLine: 4, endColumn: 12 });
  });

  it('SARIF points at files outside the working directory with absolute file: URIs', () => {
    const r = lint(['--format', 'sarif', path.join(tmp, 'warnings')], os.tmpdir() === tmp ? '/' : ROOT);
    const uri = (JSON.parse(r.stdout) as Log).runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri!;
    assert.equal(uri, `file://${path.join(tmp, 'warnings', 'main.cf')}`);
  });

  it('--postfix-version checks against that release', () => {
    // default_cache_db_type exists from Postfix 3.11 on; postconf 3.7 calls it unknown.
    const old = lint(['--postfix-version', '3.7', 'newer'], tmp);
    assert.match(old.stdout, /^newer\/main\.cf:1:11: warning: "\$default_cache_db_type" is not defined anywhere.*\[undefined-reference\]\n$/);
    assert.equal(lint(['newer'], tmp).stdout, '');
    assert.equal(JSON.parse(lint(['--format', 'json', '--postfix-version', '3.7', 'newer'], tmp).stdout).postfixVersion, '3.7.22');
  });

  it('reads a named file with its sibling for context, and reports only on the named file', () => {
    // relay2_* is a name master.cf's "relay2" service defines; master.cf's own problem is not asked for.
    const r = lint(['pair/main.cf'], tmp);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /1 file checked/);
    const both = lint(['pair'], tmp);
    assert.match(both.stdout, /^pair\/master\.cf:2:6: warning: Unknown parameter "bogus_option_x".*\[unknown-parameter\]\n$/);
  });

  it('exits 2 with a clear message on usage errors and missing files', () => {
    const cases: [string[], RegExp][] = [
      [['missing-dir'], /postfix-lint: missing-dir: no such file or directory/],
      [['empty-dir'], /postfix-lint: empty-dir: no main.cf or master.cf in this directory/],
      [[], /no configuration directory or file given/],
      [['--format', 'xml', 'clean'], /unknown --format "xml"/],
      [['--disable', 'no-such-code', 'clean'], /unknown code "no-such-code" in --disable/],
      [['--severity', 'no-such-code=error', 'clean'], /unknown code "no-such-code" in --severity/],
      [['--severity', 'syntax-error=loud', 'clean'], /--severity syntax-error: unknown level "loud"; use off, error, warning, information, hint/],
      [['--severity', 'syntax-error', 'clean'], /--severity "syntax-error" is not CODE=LEVEL/],
      [['--postfix-version', 'banana', 'clean'], /--postfix-version "banana" is not a release/],
      [['--frobnicate', 'clean'], /Unknown option '--frobnicate'/],
      [['clean/other.conf'], /no such file or directory/],
    ];
    writeFileSync(path.join(tmp, 'clean', 'not-a-cf.txt'), 'x = 1\n');
    cases.push([['clean/not-a-cf.txt'], /cannot tell whether this is main.cf or master.cf/]);
    for (const [args, message] of cases) {
      const r = lint(args, tmp);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });

  it('--help and --version answer on stdout with status 0', () => {
    const help = lint(['--help'], tmp);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: postfix-lint/);
    assert.match(lint(['--version'], tmp).stdout, /^postfix-lint \d+\.\d+\.\d+\n$/);
  });

  it('finds no errors in the real-world corpus (one run over every folder)', () => {
    const corpus = path.join(ROOT, 'test', 'fixtures', 'corpus');
    const dirs = readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(corpus, d.name));
    const r = lint(['--format', 'json', ...dirs], tmp);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.errors, 0, JSON.stringify(out.findings.filter((f: { severity: string }) => f.severity === 'error'), null, 1));
    assert.equal(r.status, 0);
    assert.ok(out.files.length >= dirs.length, 'every folder was read');
  });
});
