#!/usr/bin/env node
// A long fuzzing run against the built server (the same fuzzer as the CI test, for a
// fixed time instead of a fixed number of inputs). Writes a JSON report with the inputs
// tried, the requests per method and the longest request, and exits 1 on any violation.
// Usage: npm run soak -- [--minutes=30] [--seed=N] [--large] [--report=test-results/soak-report.json]
//        npm run soak -- --replay=test-results/soak-failures   (re-run saved failing inputs)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const minutes = Number(arg('minutes', '30'));
const seed = Number(arg('seed', String(Date.now() % 2147483647)));
const reportPath = join(root, arg('report', 'test-results/soak-report.json'));
const includeLarge = process.argv.includes('--large');
const replay = arg('replay', '');

const fuzzJs = join(root, 'out/test/helpers/serverFuzz.js');
if (!existsSync(fuzzJs) || !existsSync(join(root, 'dist/server.js'))) {
  console.error('build first: npm run build && npm run compile-tests (npm run soak does both)');
  process.exit(2);
}
const { runServerFuzz, writeReport } = require(fuzzJs);
const { corpusConfigs } = require(join(root, 'out/test/helpers/corpus.js'));

// Saved inputs: one folder each, with the main.cf and master.cf the server held.
const readInputs = (dir) => readdirSync(dir).sort().map((name) => ({
  name, main: readFileSync(join(dir, name, 'main.cf'), 'utf8'), master: readFileSync(join(dir, name, 'master.cf'), 'utf8'),
}));
const inputs = replay ? readInputs(join(root, replay)) : undefined;

console.log(`soak: ${minutes} min, seed ${seed}${includeLarge ? ', with the largest inputs' : ''}; report -> ${reportPath}`);
let lastPrint = Date.now();
const report = await runServerFuzz({
  seed, corpus: corpusConfigs(), durationMs: inputs ? undefined : minutes * 60_000, includeLarge, inputs,
  failuresDir: replay ? undefined : join(root, 'test-results', 'soak-failures'),
  onProgress: (r) => {
    if (Date.now() - lastPrint < 30_000) return;
    lastPrint = Date.now();
    writeReport(reportPath, r);
    console.log(`  ${r.inputsTried} inputs, ${r.requestsSent} requests, ${r.violations.length} violations`);
  },
});
writeReport(reportPath, report);
const longest = report.longestStock;
console.log(`soak done: ${report.inputsTried} inputs (${report.largeInputsTried} large), ${report.requestsSent} requests, ` +
  `${report.actionsChecked} code actions checked in ${Math.round(report.durationMs / 1000)} s; longest request ` +
  `${longest?.method} ${Math.round(longest?.cpuMs ?? longest?.wallMs ?? 0)} ms CPU`);
for (const v of report.violations) console.log(`VIOLATION ${v}`);
process.exit(report.violations.length ? 1 : 0);
