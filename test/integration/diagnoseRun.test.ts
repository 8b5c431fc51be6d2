// The read-only Diagnose and Watch scripts, run for real with the installed Postfix tools
// against a configuration folder of the test's own (no Postfix daemon needs to run).
import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildDiagnoseScript, buildWatchScript, DiagnoseInputs, validateRequest } from '../../client/diagnose';
import { postconfAvailable } from '../helpers/postconf';
import { BASIC_TOOLS, fakeBin, runScript, scratch, section, writeConfig } from '../helpers/shell';

const MASTER_CF = [
  'smtp      unix  -       -       n       -       -       smtp',
  'relay     unix  -       -       n       -       4       smtp',
  '    -o smtp_connection_cache_on_demand=no',
  'bulk      unix  -       -       n       -       2       smtp',
  'pickup    unix  n       -       n       60      1       pickup',
  '',
].join('\n');

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `May  1 10:00:00` (traditional syslog) for `minutesAgo`, local time. */
function trad(minutesAgo: number): string {
  const d = new Date(Date.now() - minutesAgo * 60_000);
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
/** `2024-05-01T10:00:00.123456+00:00` (rsyslog's high-precision format), local time. */
function iso(minutesAgo: number): string {
  const d = new Date(Date.now() - minutesAgo * 60_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.123456+00:00`;
}

/** A maillog with lines inside and outside the 30-minute window, matching and not. */
function writeMaillog(file: string): void {
  const lines = [
    `${trad(50)} mx postfix/relay/smtp[11]: 1A2B3C: host mx.old[192.0.2.1] said: 421 4.7.0 Too many connections (old)`,
    `${iso(45)} mx postfix/relay/smtp[11]: 2A2B3C: conn_use=4 (old)`,
    `${trad(20)} mx postfix/relay/smtp[12]: 3A2B3C: host mx.example[192.0.2.7] refused to talk to me: 421 4.7.0 Too many connections from 198.51.100.9`,
    `${trad(15)} mx postfix/relay/smtp[12]: 421AB3C: to=<a@example.org>, relay=mx.example[192.0.2.7]:25, delay=1, status=sent (250 ok)`,
    `${iso(10)} mx postfix/relay/smtp[13]: 4A2B3C: to=<b@example.org>, relay=mx.example[192.0.2.7]:25, conn_use=2, status=sent (250 ok)`,
    `${iso(5)} mx postfix/bulk/smtp[14]: 5A2B3C: said: 451 4.7.0 Concurrent connections limit exceeded`,
    '',
  ];
  writeFileSync(file, lines.join('\n'));
}

function setUp(dirName: string): { root: string; conf: string; inputs: DiagnoseInputs } {
  const root = scratch();
  const conf = path.join(root, dirName);
  writeConfig(conf, [
    'compatibility_level = 3.6',
    'relay_destination_concurrency_limit = 3',
    'bulk_destination_rate_delay = 1s',
    'smtp_connection_cache_time_limit = 1s',
    `maillog_file = ${path.join(root, 'maillog')}`,
    'myhostname = mx.example.test',
    '',
  ].join('\n'), MASTER_CF);
  writeMaillog(path.join(root, 'maillog'));
  const v = validateRequest({
    configDirectory: conf,
    editedFile: '/srv/ws/main.cf',
    transports: [{ name: 'smtp', type: 'unix', program: 'smtp' }, { name: 'relay', type: 'unix', program: 'smtp' }, { name: 'bulk', type: 'unix', program: 'smtp' }],
    receivers: [{ name: 'outlook.com', maxConnections: 10, transports: ['relay'] }, { name: 'Strict Mail GmbH', maxConnections: 2, transports: ['bulk', 'relay'] }],
  });
  assert.ok(v.ok, JSON.stringify(v));
  return { root, conf, inputs: (v as { inputs: DiagnoseInputs }).inputs };
}

describe('Diagnose Connection Limits, run for real', { skip: !postconfAvailable() && 'postconf is not installed' }, () => {
  // A directory name full of shell syntax that validation accepts: only quoting keeps it inert.
  const { root, inputs } = setUp('conf dir & touch MARKER | {a,b} *');
  const run = runScript(buildDiagnoseScript(inputs), { cwd: root });
  const out = run.stdout;

  it('runs to the end, and the hostile directory name stays a name', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(existsSync(path.join(root, 'MARKER')), false);
    assert.match(out, /configuration directory: .*conf dir & touch MARKER \| \{a,b\} \* \(postfix\.diagnose\.configDirectory\); sudo: no/);
  });

  it('shows the postconf values of this configuration, filtered to the transports', () => {
    const s = section(out, '1. Settings');
    assert.match(s, /^=== 1\. Settings in effect for the transports smtp, relay, bulk ===/);
    // postconf -n: only the connection-related names, not myhostname or compatibility_level.
    assert.match(s, /--- main\.cf, set explicitly \(postconf -n\)\n  bulk_destination_rate_delay = 1s\n  relay_destination_concurrency_limit = 3\n  smtp_connection_cache_time_limit = 1s\n---/);
    assert.doesNotMatch(s, /myhostname|compatibility_level/);
    // postconf -x: values in effect, with defaults, for each transport.
    assert.match(s, /^  relay_destination_concurrency_limit = 3$/m);
    assert.match(s, /^  bulk_destination_concurrency_limit = 20$/m);
    assert.match(s, /^  default_process_limit = 100$/m);
    // postconf -M and -P: the service lines (maxproc) and the -o overrides, only for these.
    assert.match(s, /^  relay +unix +- +- +n +- +4 +smtp -o smtp_connection_cache_on_demand=no$/m);
    assert.match(s, /^  bulk +unix +- +- +n +- +2 +smtp$/m);
    assert.doesNotMatch(s, /pickup/);
    assert.match(s, /^  relay\/unix\/smtp_connection_cache_on_demand = no$/m);
    assert.match(s, /^  Strict Mail GmbH: at most 2 sessions, via bulk relay$/m);
  });

  it('lists each transport\'s failed-cohort limit, rate delays and caching in effect, its own -o included (issue 17)', () => {
    const s = section(out, '1. Settings');
    const relay = /--- transport relay \(smtp\): [^\n]*\n((?:  [^\n]*\n)*)/.exec(s)?.[1] ?? '';
    assert.match(relay, /^  relay_destination_concurrency_failed_cohort_limit = 1$/m);
    assert.match(relay, /^  relay_destination_rate_delay = 0s$/m);
    assert.match(relay, /^  relay_transport_rate_delay = 0s$/m);
    assert.match(relay, /^  smtp_connection_cache_on_demand = no {3}\(-o on relay\)$/m);
    assert.match(relay, /^  smtp_connection_cache_time_limit = 1s$/m);
    const bulk = /--- transport bulk \(smtp\): [^\n]*\n((?:  [^\n]*\n)*)/.exec(s)?.[1] ?? '';
    assert.match(bulk, /^  bulk_destination_rate_delay = 1s$/m);
    assert.match(bulk, /^  smtp_connection_cache_on_demand = yes$/m);
    assert.match(s, /^  default_destination_concurrency_failed_cohort_limit = 1$/m);
  });

  it('says which configuration it read, whether Postfix runs, and where the transports came from (issue 17)', () => {
    assert.match(out, /^Postfix: (running|not running|unknown)\b.*$/m);
    assert.match(out, /^transports and receivers: from \/srv\/ws\/main\.cf, the file being edited \(not in .*: section 1 shows the configuration there, not that file\)$/m);
  });

  it('has the queue, sessions and log sections, whatever the machine has running', () => {
    assert.match(section(out, '2. Queue'), /--- summary \(postqueue -p/);
    assert.match(section(out, '3. Established SMTP sessions'), /ports 25, 465, 587/);
    assert.match(section(out, '4. Log'), /421, Too many connections, Concurrent connections, conn_use=/);
  });

  it('ends with one verdict line per receiver: sessions now vs cap; never "ok" when this configuration\'s Postfix is not running', () => {
    const s = section(out, '5. Verdict');
    assert.match(s, /^receiver outlook\.com: (\d+ sessions? now via relay, \+\d+ cached idle \(any destination\), cap 10: \S.*|sessions unknown \(.*\); cap 10)$/m);
    assert.match(s, /^receiver Strict Mail GmbH: (\d+ sessions? now via bulk relay, .*cap 2: .*|sessions unknown .*cap 2)$/m);
    // No daemon runs with this test's configuration: nothing was measured.
    assert.doesNotMatch(s, /: ok$/m);
  });
});

describe('Diagnose with a configuration that is not there (issue 17)', { skip: !postconfAvailable() && 'postconf is not installed' }, () => {
  const root = scratch();
  const missing = path.join(root, 'etc-postfix');
  const v = validateRequest({
    configDirectory: missing,
    editedFile: '/srv/ws/incident/master.cf',
    transports: [{ name: 'orange', type: 'unix', program: 'smtp' }, { name: 'wanadoo', type: 'unix', program: 'smtp' }],
    receivers: [{ name: 'orange', maxConnections: 3, transports: ['orange', 'wanadoo'] }, { name: 'one', maxConnections: 1, transports: ['orange'] }],
  });
  assert.ok(v.ok);
  const run = runScript(buildDiagnoseScript((v as { inputs: DiagnoseInputs }).inputs), { cwd: root });
  const out = run.stdout;

  it('says plainly that postconf could not read it, once, with postconf\'s own words', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.match(out, new RegExp(`^configuration directory: ${missing.replace(/[.]/g, '\\.')} \\(postfix\\.diagnose\\.configDirectory\\); sudo: no$`, 'm'));
    assert.match(out, new RegExp(`^  \\(postconf failed: postconf: fatal: open ${missing.replace(/[.]/g, '\\.')}/main\\.cf: No such file or directory\\)$`, 'm'));
    assert.match(out, /^transports and receivers: from \/srv\/ws\/incident\/master\.cf, the file being edited \(not in .*: section 1 shows the configuration there, not that file\)$/m);
    assert.match(out, /^Postfix: (not running|unknown)\b/m);
  });

  it('shows no "(none ...)" where it measured nothing, and lists the receivers with correct plurals', () => {
    const s = section(out, '1. Settings');
    assert.doesNotMatch(s, /\(none/);
    assert.match(s, /^  \(not run: postconf cannot read the configuration\)$/m);
    assert.match(s, /^  orange: at most 3 sessions, via orange wanadoo$/m);
    assert.match(s, /^  one: at most 1 session, via orange$/m);
  });

  it('gives the verdict "unknown", not "ok"', () => {
    const s = section(out, '5. Verdict');
    assert.match(s, /^receiver orange: \d+ sessions? now via orange wanadoo, \+\d+ cached idle \(any destination\), cap 3: unknown: postconf could not read the configuration \(postconf: fatal: open .*main\.cf: No such file or directory\)$/m);
    assert.doesNotMatch(s, /: ok$/m);
  });
});

describe('Diagnose with ss, journalctl, qshape and postqueue missing', { skip: !postconfAvailable() && 'postconf is not installed' }, () => {
  const { root, inputs } = setUp('etc');
  const bin = fakeBin(path.join(root, 'bin'), [...BASIC_TOOLS, 'postconf']);
  const run = runScript(buildDiagnoseScript(inputs), { cwd: root, env: { PATH: bin, HOME: root } });
  const out = run.stdout;

  it('says so, one line per missing tool, and still runs every section', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.match(out, /\(postqueue is not installed here: no queue summary\)/);
    assert.match(out, /\(qshape is not installed here: no queue age summary\)/);
    assert.match(section(out, '3. Established'), /ss is not installed here \(package iproute2\): sessions cannot be counted/);
    assert.match(out, /\(journalctl is not installed here: trying log files\)/);
  });

  it('reads maillog_file, keeps the last 30 minutes of the matching lines, oldest first', () => {
    const s = section(out, '4. Log');
    assert.match(s, /--- source: .*\/maillog \(newest 500000 lines scanned\)/);
    const shown = s.split('\n').filter((l) => l.includes(' postfix/')).map((l) => l.replace(/^.*?: (\w+): .*$/, '$1'));
    // 1A/2A are older than 30 minutes; 421AB3C is a queue ID, not a reply code.
    assert.deepEqual(shown, ['3A2B3C', '4A2B3C', '5A2B3C']);
  });

  it('gives each receiver a verdict that says the sessions are unknown', () => {
    assert.match(out, /^receiver outlook\.com: sessions unknown \(ss is not installed here.*\); cap 10$/m);
  });
});

describe('Watch SMTP Sessions, run for real', { skip: !postconfAvailable() && 'postconf is not installed' }, () => {
  it('refreshes the counts and verdicts every second until stopped', () => {
    const { root, inputs } = setUp('etc');
    const run = runScript(buildWatchScript(inputs), { cwd: root, timeoutMs: 6000 });
    // The last frame may be cut short by the stop; the complete ones end with the verdicts.
    const frames = run.stdout.split('\x1b[H\x1b[2J').slice(1, -1);
    assert.ok(frames.length >= 2, `at least two complete refreshes, got ${frames.length}`);
    for (const f of frames) {
      assert.match(f, /^SMTP sessions on .* \(every 1 s; Ctrl-C or close the terminal to stop\)$/m);
      assert.match(f, /^--- outbound sessions per transport process/m);
      assert.match(f, /^receiver outlook\.com: /m);
    }
  });
});
