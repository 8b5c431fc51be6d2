/**
 * The mutation fuzzer against the running server, at a fixed size for CI (the soak script,
 * `npm run soak`, runs the same fuzzer for as long as asked). The report, with the inputs
 * tried and the longest request, is written to test-results/fuzz-report.json.
 *
 * FUZZ_SEED and FUZZ_ITERATIONS override the defaults, to replay or widen a run.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/lspClient';
import { corpusConfigs } from '../helpers/corpus';
import { worstCases } from '../helpers/hostile';
import { FuzzReport, runServerFuzz, writeReport } from '../helpers/serverFuzz';

const SEED = Number(process.env.FUZZ_SEED ?? 20240601);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 1000);
const REPORTS = path.join(ROOT, 'test-results');

const summary = (r: FuzzReport): string =>
  `${r.inputsTried} inputs, ${r.requestsSent} requests, ${r.actionsChecked} code actions in ${Math.round(r.durationMs / 1000)} s; ` +
  `longest request ${r.longestStock?.method} ${Math.round(r.longestStock?.cpuMs ?? r.longestStock?.wallMs ?? 0)} ms CPU`;

describe('server fuzzing', { timeout: 600_000 }, () => {
  it(`${ITERATIONS} mutated corpus inputs (seed ${SEED}): every request answered, in range, in time`, async () => {
    const report = await runServerFuzz({ seed: SEED, corpus: corpusConfigs(), iterations: ITERATIONS, failuresDir: path.join(REPORTS, 'fuzz-failures') });
    writeReport(path.join(REPORTS, 'fuzz-report.json'), report);
    console.log(`fuzz: ${summary(report)}`);
    assert.deepEqual(report.violations, []);
    assert.equal(report.inputsTried, ITERATIONS);
    assert.deepEqual(report.unknownCapabilities, [], 'every advertised capability is fuzzed');
    for (const method of ['textDocument/hover', 'textDocument/codeAction', 'postfix/summary']) {
      assert.ok((report.requestsByMethod[method] ?? 0) >= ITERATIONS, `${method} was fired for every input`);
    }
  });

  it('the corpus as published, through the server: every request in range, every code action exact', async () => {
    const inputs = corpusConfigs().map((c) => ({ name: c.name, main: c.main, master: c.master }));
    const report = await runServerFuzz({ seed: SEED, corpus: corpusConfigs(), inputs, actionsPerInput: Infinity });
    console.log(`fuzz, corpus: ${summary(report)}`);
    assert.deepEqual(report.violations, []);
    assert.equal(report.inputsTried, inputs.length);
  });

  it('the largest inputs: no request over 5 s, stock-size ones under 1 s', async () => {
    const inputs = worstCases();
    const report = await runServerFuzz({ seed: SEED, corpus: corpusConfigs(), inputs, actionsPerInput: 2 });
    writeReport(path.join(REPORTS, 'fuzz-large-report.json'), report);
    console.log(`fuzz, largest inputs: ${report.largeInputsTried} large of ${report.inputsTried}; longest request ` +
      `${report.longestLarge?.method} ${Math.round(report.longestLarge?.cpuMs ?? 0)} ms CPU / ${Math.round(report.longestLarge?.wallMs ?? 0)} ms wall`);
    assert.deepEqual(report.violations, []);
    assert.equal(report.inputsTried, inputs.length);
    assert.ok(report.largeInputsTried >= 5, 'the 1 MB and 200,000-line inputs count as large');
  });
});
