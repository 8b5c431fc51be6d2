/**
 * The budget model against a real Postfix (npm run test:budget-lab; root, Postfix from
 * apt, python3, openssl). For each configuration the lab harness (run_exp.py, beside this
 * file) runs a private Postfix on loopback against a receiver that counts sessions, per
 * client address too; the test then reads the main.cf, master.cf and transport map the
 * lab generated, computes the prediction with receiverBudgets (what the connection-budget
 * diagnostics use), and checks: the measured peak never exceeds the prediction; where the
 * model claims an exact count (no caching in effect) it measured exactly that; where it
 * claims an envelope it says so. Every run uses its own receiver port and its own lab folder.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../server/core/analyze';
import { strictProviderTexts } from '../../server/core/features/strictProvider';
import { ReceiverBudget, receiverBudgets } from '../../server/core/model/budget';
import { Configuration } from '../../server/core/model/configuration';
import { parseMapSource } from '../../server/core/document';
import { tablesOfMaps } from '../../server/core/model/tables';
import { DEFAULT_SETTINGS, ReceiverSetting } from '../../server/core/settings';
import { caseDir, endLab, endLabCase, labProblem, makeLabRoot, runDir, runHarness } from '../helpers/lab';
import { ROOT } from '../helpers/lspClient';
import { postconfVersion } from '../helpers/postconf';

/** Receiver ports, two apart: a fallback run also needs the port above its own closed. */
const PORT = Number(process.env.BUDGET_LAB_PORT ?? 2600);

type Result = Record<string, unknown>;

interface LabCase {
  name: string;
  args: string[];
  /** The model claims an exact count (no caching in effect): the lab must measure exactly it. */
  exact: boolean;
  /** The receiver as declared to the model; by default transports=strict and one destination per next-hop. */
  receiver?: Partial<ReceiverSetting>;
  /** A "# @receiver" line the model reads instead (the strict-provider cases: what the command wrote). */
  directive?: string;
  /** Compare each client address's peak with the budget of that source address. */
  perSource?: boolean;
  /** The receiver answers 421 past this many sessions: the measured peak must stay below it. */
  cap?: number;
  /** How much mail must arrive: all (default), none (a stuck queue), or any amount. */
  delivers?: 'all' | 'none' | 'any';
  /** Codes the analysis of the run's files reports, and codes it must not. */
  codes?: string[];
  absent?: string[];
  check?: (result: Result) => void;
  /** Another directive for the same run's files, and codes its analysis must report. */
  variant?: { directive: string; codes: string[] };
}

const OFF = ['--opt', 'smtp_connection_cache_on_demand=no'];

/** The receiver of the mixed-routing runs, declared by its domains only. */
const MIXED_RECEIVER = '# @receiver lab max-connections=1000 domains=d1.test,d2.test,d3.test,[127.0.0.2],[127.0.0.3]';

/** Each case sends several times as much mail as it has slots, with a slow receiver (0.5 s per message). */
const CASES: LabCase[] = [
  // The first round.
  { name: 'one-destination-caching', args: ['--maxproc', '2', '--domains', '1', '--nmsg', '16'], exact: false },
  { name: 'three-nexthops-caching', args: ['--maxproc', '2', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '24'], exact: false },
  { name: 'three-nexthops-no-cache', args: ['--maxproc', '2', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '24', ...OFF], exact: true },
  { name: 'three-nexthops-limit-no-cache', args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '24', ...OFF], exact: true },
  { name: 'rate-delay', args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '12', '--main', 'strict_destination_rate_delay=1s'], exact: false },
  // A queue that drains and refills within the cache time: new sessions beside the cached ones.
  { name: 'refill-one-destination', args: ['--maxproc', '10', '--limit', '2', '--domains', '1', '--nmsg', '12', '--second-burst', '12'], exact: false },
  { name: 'refill-three-nexthops', args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'distinctip', '--nmsg', '24', '--second-burst', '24'], exact: false },
  { name: 'refill-no-cache', args: ['--maxproc', '10', '--limit', '2', '--domains', '1', '--nmsg', '12', '--second-burst', '12', ...OFF], exact: true },
  // TLS: not cached unless smtp_tls_connection_reuse = yes.
  { name: 'tls-may', args: ['--maxproc', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '24', '--tls', '--main', 'smtp_tls_security_level=may'], exact: true },
  {
    name: 'tls-reuse-refill', exact: false,
    args: ['--maxproc', '10', '--limit', '2', '--domains', '1', '--nmsg', '12', '--second-burst', '12', '--tls', '--main', 'smtp_tls_security_level=may', '--main', 'smtp_tls_connection_reuse=yes'],
  },
  // One delivery at a time over the whole transport.
  { name: 'transport-rate-delay', args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '9', '--main', 'strict_transport_rate_delay=1s', ...OFF], exact: true },
  // Every recipient its own destination: maxproc, with no concurrency limit set.
  {
    name: 'recipient-limit-one', exact: true, receiver: { maxConnections: 30 }, codes: ['recipient-limit-one'],
    args: ['--maxproc', '30', '--domains', '1', '--nmsg', '40', '--main', 'strict_destination_recipient_limit=1', ...OFF],
  },
  // Two transports bound to 127.0.0.1 and 127.0.0.2: a per-source cap counts them apart.
  {
    name: 'two-bind-addresses', exact: true, perSource: true, receiver: { transports: ['strict', 'strict2'] },
    args: ['--maxproc', '2', '--limit', '2', '--domains', '1', '--nmsg', '16', '--bind2', '127.0.0.2', ...OFF],
  },
  // Three next-hops that refuse connections, all falling back to the receiver.
  {
    name: 'fallback-relay', exact: true, receiver: { fallback: true, destinations: 3 },
    args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'distinctip', '--nmsg', '24', '--fallback', ...OFF],
  },
  // A negative limit: Postfix starts, and nothing is ever delivered.
  {
    name: 'negative-limit', exact: true, delivers: 'none', codes: ['negative-concurrency-limit'],
    args: ['--maxproc', '10', '--domains', '1', '--nmsg', '4', '--timeout', '8', '--main', 'strict_destination_concurrency_limit=-1'],
  },
  // A failed-cohort limit of 0: 421 waves defer single messages, never the whole destination.
  {
    name: 'failed-cohort-zero', exact: false, delivers: 'any', absent: ['failed-cohort-limit'],
    args: ['--maxproc', '10', '--domains', '1', '--nmsg', '8', '--max-open', '1', '--timeout', '20', '--main', 'strict_destination_concurrency_failed_cohort_limit=0'],
    check: (r) => {
      assert.ok(Number(r.recv_rejected_421) > 0, 'the receiver answered 421');
      assert.equal(r.pf_suspended, 0, 'no "delivery temporarily suspended": the destination was never marked dead');
    },
  },
  // What "Postfix: Add Strict Provider Transport..." and the snippets write, against a receiver enforcing the cap.
  strictProviderCase('strict-provider-command', 3, ['d1.test', 'd2.test', 'd3.test'], ['--routes', 'samehost']),
  strictProviderCase('strict-provider-one-at-a-time', 2, ['d1.test', 'd2.test', 'd3.test'], ['--routes', 'samehost']),
  snippetCase('strict-provider-snippets'),
  // Mixed routing, the receiver declared by its domains: three domains share one explicit
  // next-hop of strict, [127.0.0.2] goes to itself through strict (empty next-hop), and
  // [127.0.0.3] is left to default_transport = smtp. Routing gives strict 2 next-hops and
  // smtp 1: 2 x 2 + 2 = 6 with caching off.
  {
    name: 'mixed-routing-no-cache', exact: true, directive: MIXED_RECEIVER, absent: ['receiver-route-outside', 'receiver-destinations'],
    args: ['--maxproc', '10', '--limit', '2', '--routes', 'mixed', '--nmsg', '30', '--main', 'smtp_destination_concurrency_limit=2', '--main', 'smtp_connection_cache_on_demand=no'],
    // One next-hop per receiver address: the three domains on 127.0.0.1 shared one limit of 2.
    check: (r) => assert.deepEqual(Object.values(r.recv_max_open_per_local as Record<string, number>), [2, 2, 2]),
    // The same run with the receiver's transports named: the domain left to smtp escapes them.
    variant: { directive: `${MIXED_RECEIVER} transports=strict`, codes: ['receiver-route-outside'] },
  },
  {
    name: 'mixed-routing-caching', exact: false, directive: MIXED_RECEIVER,
    args: ['--maxproc', '10', '--limit', '2', '--routes', 'mixed', '--nmsg', '30', '--second-burst', '30', '--main', 'smtp_destination_concurrency_limit=2'],
  },
];

const problem = labProblem(true);
if (problem && !process.env.BUDGET_LAB_SKIP) throw new Error(`${problem}; set BUDGET_LAB_SKIP=1 to skip on purpose`);

describe('the budget model against a real Postfix', { skip: problem }, () => {
  const lab = makeLabRoot('postfix-budget-lab-');
  const version = problem ? undefined : postconfVersion();

  after(() => endLab(lab));

  CASES.forEach((c, index) => {
    it(`${c.name}: measured peak ${c.exact ? '=' : '<='} predicted`, { timeout: 180_000 }, () => {
      const dir = caseDir(lab, index);
      try {
        check(c, dir, runHarness(dir, { name: c.name, port: PORT + 2 * index, args: ['--delay', '0.5', '--timeout', '90', ...c.args], timeoutMs: 170_000 }), version);
      } finally {
        endLabCase(dir);
      }
    });
  });
});

/** The case's measurements against the model's prediction for the files its run generated. */
function check(c: LabCase, dir: string, result: Result, version?: string): void {
  const { config, budgets, receiver } = predict(runDir(dir, c.name), c, version);
  const measured = Number(result.recv_max_open);
  const predicted = Math.max(...budgets.map((b) => b.visible));
  const sent = Number(result.pf_sent);
  const total = Number(result.nmsg) + Number(result.second_burst ?? 0);
  const each = budgets.map((b) => `${b.visible}${b.source ? ` from ${b.source}` : ''}`).join(', ');
  process.stdout.write(`# ${c.name}: predicted ${each}${budgets.every((b) => b.exact) ? ' (exact)' : ' (envelope)'}, measured ${measured}`
    + `${c.perSource ? ` per client address ${JSON.stringify(result.recv_max_open_per_peer)}` : ''}, sent ${sent}/${total}\n`);
  const delivers = c.delivers ?? 'all';
  if (delivers === 'all') assert.equal(sent, total, 'every message was delivered');
  if (delivers === 'none') assert.equal(sent, 0, 'nothing was delivered');
  if (c.cap === undefined && !c.check) assert.equal(result.recv_rejected_421, 0);
  if (delivers !== 'none') assert.ok(measured >= 1, 'the receiver saw sessions');
  for (const b of budgets) assert.equal(b.exact, c.exact, `the model claims ${c.exact ? 'an exact count' : 'an envelope'}`);
  if (c.perSource) checkPerSource(budgets, result);
  else {
    assert.ok(measured <= predicted, `measured peak ${measured} above the predicted ${predicted}`);
    if (c.exact) assert.equal(measured, predicted, 'no caching in effect: the prediction is exact');
  }
  if (c.cap !== undefined) {
    assert.equal(result.recv_rejected_421, 0, 'the receiver never had to refuse a session');
    assert.ok(measured < c.cap, `measured peak ${measured} not below the cap ${c.cap}`);
    assert.ok(predicted < c.cap, 'the model agrees it stays below the cap');
  }
  const codes = new Set(analyze(config, { ...DEFAULT_SETTINGS, receivers: receiver ? [receiver] : [] }).map((f) => f.code));
  for (const code of c.codes ?? []) assert.ok(codes.has(code), `the analysis reports ${code}`);
  for (const code of c.absent ?? []) assert.ok(!codes.has(code), `the analysis does not report ${code}`);
  c.check?.(result);
  if (c.variant) {
    const other = predict(runDir(dir, c.name), { ...c, directive: c.variant.directive }, version).config;
    const found = new Set(analyze(other, DEFAULT_SETTINGS).map((f) => f.code));
    for (const code of c.variant.codes) assert.ok(found.has(code), `the variant's analysis reports ${code}`);
  }
}

/** Each source address's budget against the peak the receiver counted from that client address. */
function checkPerSource(budgets: ReceiverBudget[], result: Result): void {
  const peers = (result.recv_max_open_per_peer ?? {}) as Record<string, number>;
  assert.ok(budgets.length > 1, 'the model budgets the two source addresses apart');
  for (const b of budgets) {
    assert.ok(b.source && b.source in peers, `the receiver saw sessions from ${b.source}`);
    assert.equal(peers[b.source], b.visible, `sessions from ${b.source}`);
  }
  const sum = budgets.reduce((s, b) => s + b.visible, 0);
  assert.ok(Number(result.recv_max_open) <= sum, 'the receiver saw no more than both together');
}

/**
 * The prediction for the run's own files: receiver "lab" served by the "strict" transport
 * (or what the case says), with one destination per distinct next-hop the transport map
 * routes to it; or the receiver a generated directive declares.
 */
function predict(folder: string, c: LabCase, version?: string): { config: Configuration; budgets: ReceiverBudget[]; receiver?: ReceiverSetting } {
  const read = (f: string): string => readFileSync(path.join(folder, f), 'utf8');
  const hops = new Set(read('transport').split('\n').map((l) => /^\S+\s+strict:(\S+)/.exec(l)?.[1]).filter(Boolean));
  const mainText = c.directive ? `${read('main.cf')}\n${c.directive}\n` : read('main.cf');
  // The transport map as the workspace would hand it over: parsed, by the path main.cf names.
  const mapPath = /^transport_maps = texthash:(\S+)$/m.exec(mainText)?.[1];
  const tables = mapPath ? tablesOfMaps(new Map([[mapPath, parseMapSource(`file://${mapPath}`, read('transport'), 'indexed')]])) : undefined;
  const config = new Configuration({ mainText, masterText: read('master.cf'), version, tables });
  const receiver = c.directive ? undefined : { name: 'lab', maxConnections: 1000, transports: ['strict'], destinations: hops.size, starttls: true, ...c.receiver };
  const budgets = receiverBudgets(config, receiver ? [receiver] : []);
  assert.ok(budgets.length >= 1 && budgets.every((b) => b.shares.length >= 1), 'the transports were found');
  return { config, budgets, receiver };
}

/**
 * A run of exactly what strictProviderTexts writes for a transport named "strict": its
 * maxproc and -o options on the lab's master.cf entry (but syslog_name, which the lab
 * needs for its log), every main.cf setting, the domains as next-hops, and a receiver
 * that answers 421 past the cap. The model reads the directive it wrote.
 */
function strictProviderCase(name: string, cap: number, domains: string[], routes: string[]): LabCase {
  const texts = strictProviderTexts({ name: 'strict', maxConnections: cap, domains });
  const run = patternRun(texts.master, texts.main);
  return { name, exact: true, cap, ...run, args: [...run.args, '--domains', String(domains.length), ...routes, '--nmsg', String(3 * domains.length), '--max-open', String(cap)] };
}

/** The snippets (master.cf transport and main.cf controls) with their default choices, named "strict". */
function snippetCase(name: string): LabCase {
  const master = expandSnippet(path.join(ROOT, 'snippets', 'postfix-master.json'), 'Strict provider transport');
  const main = expandSnippet(path.join(ROOT, 'snippets', 'postfix-main.json'), 'Strict provider controls');
  const run = patternRun(master, main);
  const directive = /max-connections=(\d+).*destinations=(\d+)/.exec(run.directive)!;
  const cap = Number(directive[1]);
  return { name, exact: true, cap, ...run, args: [...run.args, '--domains', directive[2], '--nmsg', '6', '--max-open', String(cap)] };
}

/** The harness arguments for a pattern's master.cf and main.cf lines, and its directive. */
function patternRun(master: readonly string[], main: readonly string[]): { args: string[]; directive: string } {
  const entry = master.find((l) => /^strict\s+unix\s/.test(l));
  assert.ok(entry, 'the pattern has a master.cf entry for "strict"');
  const args = ['--maxproc', entry.trim().split(/\s+/)[6]];
  for (const l of master) {
    const o = /^\s+-o\s+(\S+)=(\S*)$/.exec(l);
    if (o && o[1] !== 'syslog_name') args.push('--opt', `${o[1]}=${o[2]}`);
  }
  for (const l of main) {
    const m = /^(\w+)\s*=\s*(.*)$/.exec(l);
    if (m) args.push('--main', `${m[1]}=${m[2]}`);
  }
  const directive = main.find((l) => l.includes('@receiver'));
  assert.ok(directive, 'the pattern declares its receiver');
  return { args, directive };
}

/** A snippet's body with every placeholder at its default (the first choice), and the name "strict". */
function expandSnippet(file: string, title: string): string[] {
  const body = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { body: string[] }>)[title].body.join('\n');
  const values = new Map<string, string>([['1', 'strict'], ['0', '']]);
  let text = body;
  // Innermost first: ${N:default} and ${N|a,b|} define N; then $N and ${N} take its value.
  for (let round = 0; round < 5; round++) {
    text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, d: string) => (values.has(n) ? values.get(n)! : (values.set(n, d), d)));
    text = text.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n: string, choices: string) => (values.has(n) ? values.get(n)! : (values.set(n, choices.split(',')[0]), choices.split(',')[0])));
  }
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => values.get((a ?? b)!) ?? '');
  return text.split('\n').map((l) => l.replace(/\t/g, '  '));
}
