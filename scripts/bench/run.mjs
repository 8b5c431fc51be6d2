#!/usr/bin/env node
// The benchmark (npm run bench): generated configurations of growing size, measured
// in-process, over real LSP on stdio, and against Postfix's own parser (postconf -n) as
// whole processes. Prints a table, checks the targets, and writes JSON.
//
// Then the log explainer's rows (logs.mjs): a generated log of each --log-sizes explained
// by postfix-lint --explain-log, beside pflogsumm and grep -c on the same file.
//
// Usage: node scripts/bench/run.mjs [--sizes stock,10k,100k] [--out FILE] [--skip-postconf-100k]
//          [--log-sizes 100m,1g | --skip-logs]
// Needs: npm run build && npm run compile-tests (npm run bench does both), postconf, and
// for the log rows pflogsumm and GNU time (.ci/install-apt.sh).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generate } from './generate.mjs';
import { measureColdStart, measureLsp } from './lsp.mjs';
import { benchLogs, logTable } from './logs.mjs';
import { measureMaps } from './maps.mjs';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = [
  { name: 'stock', mainLines: 700, services: 20, runs: 15, edits: 200, warmup: 50, references: 10 },
  { name: '10k', mainLines: 10_000, services: 1_000, runs: 7, edits: 30, warmup: 10, references: 5 },
  { name: '100k', mainLines: 100_000, services: 10_000, runs: 5, edits: 15, warmup: 5, references: 1 },
].filter((s) => opt('--sizes', 'stock,10k,100k').split(',').includes(s.name));
const outFile = opt('--out', join(root, 'bench', 'results', 'latest.json'));
const base = join(tmpdir(), 'postfix-lsp-bench');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time of a whole process, as an admin would run it. */
function timeProcess(command, argv, runs) {
  const times = [];
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
    times.push(performance.now() - t0);
    status = r.status ?? -1;
  }
  return { ms: median(times), status };
}

function postconfVersion() {
  try {
    return execFileSync('postconf', ['-dh', 'mail_version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const results = { date: new Date().toISOString(), node: process.version, postconf: postconfVersion(), sizes: [] };
for (const size of SIZES) {
  const dir = join(base, size.name);
  const generated = generate({ dir, mainLines: size.mainLines, services: size.services });
  spawnSync('touch', ['-d', '-1 minute', join(dir, 'main.cf'), join(dir, 'master.cf')]);
  process.stderr.write(`[bench] ${size.name}: in-process analysis\n`);
  const child = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'analyze-child.mjs'), dir, String(size.runs)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  const analysis = JSON.parse(child.stdout.trim().split('\n').pop());
  process.stderr.write(`[bench] ${size.name}: LSP over stdio\n`);
  const lsp = await measureLsp(dir, { edits: size.edits, requests: size.edits, warmup: size.warmup });
  const row = { size: size.name, ...analysis, ...lsp, masterServices: generated.masterText.match(/^\S/gm).length };
  if (size.name === 'stock') {
    process.stderr.write('[bench] cold start\n');
    // 20 runs: a process start on a small VM varies by ±50 ms from run to run.
    Object.assign(row, await measureColdStart(dir, 20));
  }
  const runsRef = size.name === '100k' && args.includes('--skip-postconf-100k') ? 0 : size.references;
  if (results.postconf && runsRef) {
    process.stderr.write(`[bench] ${size.name}: postconf -n x${runsRef}\n`);
    row.postconfMs = timeProcess('postconf', ['-c', dir, '-n'], runsRef).ms;
  }
  const lint = join(root, 'dist', 'lint.js');
  if (existsSync(lint)) {
    process.stderr.write(`[bench] ${size.name}: postfix-lint x${Math.max(3, runsRef)}\n`);
    row.lintMs = timeProcess(process.execPath, [lint, dir], Math.max(3, runsRef)).ms;
  }
  results.sizes.push(row);
}

if (!args.includes('--skip-maps')) {
  process.stderr.write('[bench] 1,000,000-line transport map over LSP, and postmap\n');
  results.maps = await measureMaps({ lines: 1_000_000, edits: 10 });
}

const by = Object.fromEntries(results.sizes.map((r) => [r.size, r]));
const fmt = (n) => (n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(0));
const rows = [
  ['main.cf lines / master.cf lines', (r) => `${r.mainLines} / ${r.masterLines}`],
  ['full analysis ms (median)', (r) => fmt(r.fullMs)],
  ['re-analysis after 1-line edit ms', (r) => fmt(r.editMs)],
  ['ms per 1,000 lines (full)', (r) => fmt(r.msPer1000Lines)],
  ['didChange -> diagnostics p50 / p95 ms', (r) => `${fmt(r.changeP50)} / ${fmt(r.changeP95)}`],
  ['  the first edits after opening p50 / p95 ms', (r) => `${fmt(r.firstChangesP50)} / ${fmt(r.firstChangesP95)}`],
  ['hover p50 / p95 ms', (r) => `${fmt(r.hoverP50)} / ${fmt(r.hoverP95)}`],
  ['completion p50 / p95 ms', (r) => `${fmt(r.completionP50)} / ${fmt(r.completionP95)}`],
  ['peak RSS MB (analysis process)', (r) => fmt(r.peakRssMb)],
  ['peak RSS MB (language server, open + edits)', (r) => fmt(r.serverPeakRssMb)],
  ['postconf -n ms (whole process)', (r) => fmt(r.postconfMs)],
  ['postfix-lint ms (whole process)', (r) => fmt(r.lintMs)],
  ['postconf / in-process analysis', (r) => (r.postconfMs ? `${(r.postconfMs / r.fullMs).toFixed(1)}x` : '-')],
  ['postfix-lint / postconf', (r) => (r.postconfMs && r.lintMs ? `${(r.lintMs / r.postconfMs).toFixed(2)}x` : '-')],
];
const header = ['', ...results.sizes.map((r) => r.size)];
const table = [header, ...rows.map(([label, f]) => [label, ...results.sizes.map(f)])];
const widths = header.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
console.log(table.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')).join('\n'));
if (by.stock?.coldStartP50) console.log(`cold start to first diagnostics: p50 ${fmt(by.stock.coldStartP50)} ms, max ${fmt(by.stock.coldStartMax)} ms`);

const targets = [];
const check = (label, ok, value) => targets.push({ label, ok, value });
if (by.stock) {
  check('stock didChange->diagnostics p95 < 10 ms', by.stock.changeP95 < 10, by.stock.changeP95);
  check('stock hover p95 < 5 ms', by.stock.hoverP95 < 5, by.stock.hoverP95);
  check('stock completion p95 < 5 ms', by.stock.completionP95 < 5, by.stock.completionP95);
  check('cold start < 300 ms', by.stock.coldStartP50 < 300, by.stock.coldStartP50);
}
if (by['100k']) {
  check('100k full analysis < 1000 ms', by['100k'].fullMs < 1000, by['100k'].fullMs);
  check('100k re-analysis after edit < 200 ms', by['100k'].editMs < 200, by['100k'].editMs);
  check('100k peak RSS of the language server < 200 MB', by['100k'].serverPeakRssMb < 200, by['100k'].serverPeakRssMb);
}
if (by['10k'] && by['100k']) {
  const ratio = by['100k'].msPer1000Lines / by['10k'].msPer1000Lines;
  check('linear: ms/1000 lines at 100k <= 1.5x at 10k', ratio <= 1.5, ratio);
}
for (const r of results.sizes) {
  if (r.postconfMs) check(`${r.size}: in-process analysis faster than postconf -n`, r.fullMs < r.postconfMs, r.postconfMs / r.fullMs);
  if (r.postconfMs && r.lintMs) check(`${r.size}: postfix-lint within 3x of postconf -n`, r.lintMs <= 3 * r.postconfMs, r.lintMs / r.postconfMs);
}
if (!args.includes('--skip-logs')) {
  results.logs = await benchLogs({ sizes: opt('--log-sizes', '100m,1g').split(',') });
  const logs = logTable(results.logs);
  console.log(`\nthe log explainer (seed ${results.logs[0]?.seed}):\n${logs.text}`);
  targets.push(...logs.targets);
}
const m = results.maps;
if (m) {
  console.log(`\ntransport map, ${m.mapLines.toLocaleString('en-US')} lines (${m.mapMb} MB):`);
  console.log(`  main.cf opened -> diagnostics, table read from disk: ${fmt(m.mainOpenWithMapMs)} ms`);
  console.log(`  table opened -> diagnostics: ${fmt(m.mapOpenMs)} ms (server CPU ${fmt(m.mapOpenCpuMs)} ms); postmap hash: build: ${fmt(m.postmapBuildMs)} ms`);
  console.log(`  table edit -> diagnostics p50 / p95: ${fmt(m.mapEditP50)} / ${fmt(m.mapEditP95)} ms (server CPU per edit, mean: ${fmt(m.mapEditCpuMs)} ms)`);
  console.log(`  typing a new entry, retyping a copied line: keystroke -> diagnostics p50 / p95: ${fmt(m.typingP50)} / ${fmt(m.typingP95)} ms (server CPU per keystroke, mean: ${fmt(m.typingCpuMs)} ms)`);
  console.log(`  main.cf edit -> diagnostics p95, table in the configuration: ${fmt(m.mainEditWithMapP95)} ms`);
  console.log(`  language server peak RSS: ${fmt(m.serverPeakRssMb)} MB`);
  check('1M-line map opened to diagnostics < 2000 ms', m.mapOpenMs < 2000, m.mapOpenMs);
  check('1M-line map edit -> diagnostics p95 < 50 ms', m.mapEditP95 < 50, m.mapEditP95);
  check('1M-line map: keystroke while typing an entry -> diagnostics p95 < 50 ms', m.typingP95 < 50, m.typingP95);
  check('1M-line map: server peak RSS < 300 MB', m.serverPeakRssMb < 300, m.serverPeakRssMb);
  if (m.postmapBuildMs) check('1M-line map opened faster than postmap builds it', m.mapOpenMs < m.postmapBuildMs, m.postmapBuildMs / m.mapOpenMs);
}
console.log('\ntargets:');
for (const t of targets) console.log(`  ${t.ok ? 'MET ' : 'MISS'} ${t.label} (${fmt(t.value)})`);
results.targets = targets;
mkdirSync(join(outFile, '..'), { recursive: true });
writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${outFile}`);
