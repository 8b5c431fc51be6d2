import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  buildCacheTestPlan, buildDiagnoseScript, buildRestorePlan, buildWatchScript, confirmAndRun, DiagnoseInputs,
  validateRequest,
} from '../../client/diagnose';
import { syntaxErrors } from '../helpers/shell';

function inputs(over: Record<string, unknown> = {}): DiagnoseInputs {
  const v = validateRequest({
    configDirectory: '/etc/postfix-out',
    transports: [{ name: 'relay', type: 'unix', program: 'smtp' }, { name: 'out.slow', type: 'unix', program: 'smtp' }, { name: 'lmtp', type: 'unix', program: 'lmtp' }],
    receivers: [{ name: 'outlook.com', maxConnections: 10, transports: ['relay', 'out.slow'] }],
    ...over,
  });
  assert.ok(v.ok);
  return (v as { inputs: DiagnoseInputs }).inputs;
}

const lines = (s: string) => s.split('\n');

describe('Diagnose Connection Limits script', () => {
  const script = buildDiagnoseScript(inputs());

  it('parses, and is one { ... } group so the shell reads all of it before running any', () => {
    assert.equal(syntaxErrors(script), '');
    const body = lines(script).filter((l) => l && !l.startsWith('#'));
    assert.equal(body[0], '{');
    assert.equal(body[body.length - 1], '}');
  });

  it('has a heading per section, in runbook order', () => {
    const headings = [...script.matchAll(/^pf_heading '(\d)\. /gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['1', '2', '3', '4', '5']);
  });

  it('asks postconf up front whether it can read the configuration directory, and says why not', () => {
    assert.ok(script.includes(`elif ! pf_cmd postconf postconf -c '/etc/postfix-out' -h config_directory; then PF_CONF_ERR=$PF_ERR; fi`));
    assert.ok(script.includes(`printf '  (not run: postconf cannot read the configuration)\\n'`));
  });

  it('passes -c DIR to postconf, postqueue and qshape', () => {
    assert.match(script, /postconf -c '\/etc\/postfix-out' -n /);
    assert.match(script, /postqueue -c '\/etc\/postfix-out' -p/);
    assert.match(script, /qshape -c '\/etc\/postfix-out' deferred/);
  });

  it('filters postconf -n to the transports (dots escaped) and asks -M for each service', () => {
    assert.match(script, /grep -E '\^\(relay\|out\\\.slow\|lmtp\|smtp\)_\(destination_concurrency_limit\|/);
    assert.match(script, /postconf -c '\/etc\/postfix-out' -M 'relay\/unix' 'out\.slow\/unix' 'lmtp\/unix'/);
    assert.match(script, / -x 'default_process_limit' .*'default_destination_concurrency_failed_cohort_limit' /);
    assert.match(script, / -x 'relay_destination_concurrency_limit' .*'relay_destination_concurrency_failed_cohort_limit' .*'relay_transport_rate_delay' .*'smtp_connection_cache_on_demand' /);
    assert.match(script, / -x 'lmtp_destination_concurrency_limit' .*'lmtp_connection_cache_on_demand' .*'lmtp_tls_connection_reuse'/);
  });

  it('counts ss -tanp sessions on the SMTP ports and ends with one verdict call per receiver', () => {
    assert.match(script, /awk -v ports='25 465 587' /);
    assert.match(script, /pf_root ss -tanp/);
    assert.ok(script.includes("pf_verdict 'outlook.com' '10' 'relay out.slow'"));
  });

  it('degrades per tool instead of failing: ss, postqueue, qshape, journalctl, postconf', () => {
    for (const tool of ['ss', 'postqueue', 'qshape', 'journalctl', 'postconf']) assert.match(script, new RegExp(`pf_have ${tool}`));
    assert.match(script, /\/var\/log\/mail\.log \/var\/log\/maillog/);
  });

  it('without transports from the server checks smtp, and says when no receiver is declared', () => {
    const s = buildDiagnoseScript(inputs({ transports: [], receivers: [] }));
    assert.match(s, /-M 'smtp\/unix'/);
    assert.match(s, /no receivers declared/);
    assert.doesNotMatch(s, /^pf_verdict /m);
  });

  it('uses sudo only when asked, and never waits for a password over ssh', () => {
    assert.match(script, /^pf_root\(\) \{ "\$@"; \}$/m);
    assert.match(buildDiagnoseScript(inputs({ sudo: true })), /else sudo "\$@"/);
    assert.match(buildDiagnoseScript(inputs({ sudo: true, host: 'mx1' })), /else sudo -n "\$@"/);
  });

  it('never changes the server: no postconf -e/-X, no postfix reload', () => {
    for (const s of [script, buildWatchScript(inputs())]) assert.doesNotMatch(s, /postconf[^\n|]* -[eX] |postfix[^\n]* reload/);
  });
});

describe('Watch SMTP Sessions script', () => {
  const script = buildWatchScript(inputs());
  it('parses and loops every second over the session count and the verdicts', () => {
    assert.equal(syntaxErrors(script), '');
    assert.match(script, /while :; do\n  pf_collect\n/);
    assert.match(script, /  sleep 1\ndone\n\}/);
    assert.ok(script.includes("  pf_verdict 'outlook.com' '10' 'relay out.slow'"));
  });
});

describe('Controlled Cache Test and Restore', () => {
  const plan = buildCacheTestPlan(inputs({ sudo: true }));
  const restore = buildRestorePlan(inputs({ sudo: true }));

  it('shows exactly the lines that change the server, and they are in the script', () => {
    assert.deepEqual(plan.commands, [
      `postconf -c '/etc/postfix-out' -n smtp_connection_cache_on_demand smtp_connection_cache_time_limit lmtp_connection_cache_on_demand lmtp_connection_cache_time_limit > "$HOME/.postfix-lsp-cache-test.saved"`,
      `sudo postconf -c '/etc/postfix-out' -e 'smtp_connection_cache_on_demand=no' 'smtp_connection_cache_time_limit=1s' 'lmtp_connection_cache_on_demand=no' 'lmtp_connection_cache_time_limit=1s'`,
      `sudo postfix -c '/etc/postfix-out' reload`,
    ]);
    for (const c of plan.commands) assert.ok(lines(plan.script).some((l) => l.startsWith(c)), c);
    for (const c of restore.commands) assert.ok(lines(restore.script).some((l) => l.startsWith(c)), c);
    assert.equal(syntaxErrors(plan.script), '');
    assert.equal(syntaxErrors(restore.script), '');
  });

  it('saves before it changes anything, and refuses to run over an unrestored test', () => {
    const at = (s: string) => plan.script.indexOf(s);
    assert.ok(at('if [ -e "$pf_saved" ]') < at(plan.commands[0]));
    assert.ok(at(plan.commands[0]) < at(plan.commands[1]));
    assert.ok(at(plan.commands[1]) < at(plan.commands[2]));
  });

  it('touches only smtp_* when every transport is smtp', () => {
    const p = buildCacheTestPlan(inputs({ transports: [{ name: 'relay', type: 'unix', program: 'smtp' }] }));
    assert.doesNotMatch(p.script, /lmtp_/);
    assert.match(p.commands[1], /^postconf -c '\/etc\/postfix-out' -e 'smtp_connection_cache_on_demand=no' 'smtp_connection_cache_time_limit=1s'$/);
  });

  it('never runs without the confirmation', async () => {
    const ran: string[] = [];
    const plans = [{ label: 'mx1', plan, run: (s: string) => void ran.push(s) }];
    let shown = '';
    assert.equal(await confirmAndRun('Run?', plans, async (_m, detail) => ((shown = detail), false)), false);
    assert.equal(await confirmAndRun('Run?', plans, async () => { throw new Error('dialog closed'); }), false);
    assert.equal(await confirmAndRun('Run?', plans, async () => undefined as unknown as boolean), false);
    assert.deepEqual(ran, []);
    for (const c of plan.commands) assert.ok(shown.includes(c), 'the dialog lists every command');
    assert.equal(await confirmAndRun('Run?', plans, async () => true), true);
    assert.deepEqual(ran, [plan.script]);
  });
});
