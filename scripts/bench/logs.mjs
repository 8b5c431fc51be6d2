#!/usr/bin/env node
// The log explainer's benchmark rows: a generated Postfix log (generate-log.mjs, seeded)
// explained by `postfix-lint --explain-log`, beside pflogsumm (Debian's package) summarising
// it and `grep -c 'status=deferred'` counting its deferrals, each as a whole process on the
// same file, with GNU time's wall time and peak RSS. The file is read once before timing, so
// every tool reads it from the page cache.
//
// Usage: node scripts/bench/logs.mjs [--log-sizes 100m,1g] [--runs 3] [--pflogsumm-runs 1] [--seed 16]
// (run.mjs calls benchLogs() too). Needs dist/lint.js (npm run build), /usr/bin/time and
// /usr/sbin/pflogsumm (.ci/install-apt.sh installs both).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from './generate-log.mjs';

const root = new URL('../..', import.meta.url).pathname;
const TIME = '/usr/bin/time';
const PFLOGSUMM = '/usr/sbin/pflogsumm';
const UNITS = { k: 1e3, m: 1e6, g: 1e9 };

/** "100m" -> 100,000,000 bytes; "1g" -> 2^30 (a gigabyte as the issue counts it: 1 GB). */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([kmg])$/i.exec(text);
  if (!m) throw new Error(`not a size: ${text} (use 100m, 1g)`);
  return m[2].toLowerCase() === 'g' ? Math.round(Number(m[1]) * 2 ** 30) : Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs argv under GNU time `runs` times: the median wall time and CPU time (user + system; a
 * busy machine stretches the one more than the other), seconds, the largest peak RSS (MB),
 * and the last run's stdout.
 */
function measure(argv, runs) {
  const walls = [];
  const cpus = [];
  let rss = 0;
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(TIME, ['-f', '%e %U %S %M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const last = r.stderr.trim().split('\n').pop() ?? '';
    const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last);
    if (r.status !== 0 || !m) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
    walls.push(Number(m[1]));
    cpus.push(Number(m[2]) + Number(m[3]));
    rss = Math.max(rss, Number(m[4]) / 1024);
    stdout = r.stdout;
  }
  return { s: median(walls), cpuS: median(cpus), peakRssMb: rss, runs, stdout };
}

/** Generates the log of each size (kept in tmp between runs when its seed and size match) and measures the three tools. */
export async function benchLogs({ sizes = ['100m', '1g'], runs = 3, pflogsummRuns = 1, seed = 16, log = (s) => process.stderr.write(s) } = {}) {
  for (const [tool, path] of [['GNU time', TIME], ['pflogsumm', PFLOGSUMM], ['dist/lint.js (npm run build)', join(root, 'dist', 'lint.js')]]) {
    if (!existsSync(path)) throw new Error(`${tool} is missing (${path}); .ci/install-apt.sh installs the Debian packages`);
  }
  const dir = join(tmpdir(), 'postfix-lsp-bench', 'logs');
  mkdirSync(dir, { recursive: true });
  const rows = [];
  for (const size of sizes) {
    const bytes = parseSize(size);
    const file = join(dir, `mail-${size}-seed${seed}.log`);
    const stamp = `${file}.json`;
    let generated = existsSync(stamp) && existsSync(file) ? JSON.parse(readFileSync(stamp, 'utf8')) : undefined;
    if (!generated || generated.requested !== bytes || statSync(file).size !== generated.bytes) {
      log(`[bench] log ${size}: generating (seed ${seed})\n`);
      generated = { requested: bytes, ...(await generateLog({ file, bytes, seed })) };
      writeFileSync(stamp, JSON.stringify(generated));
    }
    // Into the page cache, for every tool alike.
    spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] });
    log(`[bench] log ${size}: grep -c x${runs}\n`);
    const grep = measure(['grep', '-c', 'status=deferred', file], runs);
    log(`[bench] log ${size}: postfix-lint --explain-log x${runs}\n`);
    const explain = measure([process.execPath, join(root, 'dist', 'lint.js'), '--explain-log', file, '--format', 'json'], runs);
    const report = JSON.parse(explain.stdout);
    const row = {
      size, bytes: generated.bytes, lines: generated.lines, spanHours: generated.span / 3600, seed,
      deferred: Number(grep.stdout.trim()), linesUsed: report.lines.used, receivers: report.receivers.length + report.otherReceivers.count,
      explainS: explain.s, explainCpuS: explain.cpuS, explainPeakRssMb: explain.peakRssMb, grepS: grep.s, grepCpuS: grep.cpuS, grepPeakRssMb: grep.peakRssMb,
    };
    if (pflogsummRuns > 0) {
      log(`[bench] log ${size}: pflogsumm x${pflogsummRuns}\n`);
      const pf = measure([PFLOGSUMM, file], pflogsummRuns);
      row.pflogsummS = pf.s;
      row.pflogsummCpuS = pf.cpuS;
      row.pflogsummPeakRssMb = pf.peakRssMb;
    }
    rows.push(row);
  }
  return rows;
}

/** The rows as a table, and the targets checked on the largest size. */
export function logTable(rows) {
  const fmt = (n) => (n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(0));
  const lines = [
    ['log size / lines', (r) => `${(r.bytes / 2 ** 20).toFixed(0)} MiB / ${r.lines}`],
    ['postfix-lint --explain-log s, wall / CPU (median)', (r) => `${fmt(r.explainS)} / ${fmt(r.explainCpuS)}`],
    ['pflogsumm s, wall / CPU', (r) => `${fmt(r.pflogsummS)} / ${fmt(r.pflogsummCpuS)}`],
    ["grep -c 'status=deferred' s, wall / CPU (median)", (r) => `${fmt(r.grepS)} / ${fmt(r.grepCpuS)}`],
    ['explain / pflogsumm, wall / CPU', (r) => (r.pflogsummS ? `${(r.explainS / r.pflogsummS).toFixed(2)}x / ${(r.explainCpuS / r.pflogsummCpuS).toFixed(2)}x` : '-')],
    ['explain / grep -c, wall / CPU', (r) => `${(r.explainS / r.grepS).toFixed(1)}x / ${(r.explainCpuS / r.grepCpuS).toFixed(1)}x`],
    ['peak RSS MB: explain / pflogsumm / grep', (r) => `${fmt(r.explainPeakRssMb)} / ${fmt(r.pflogsummPeakRssMb)} / ${fmt(r.grepPeakRssMb)}`],
    ['explain MB/s', (r) => fmt(r.bytes / 2 ** 20 / r.explainS)],
  ];
  const header = ['', ...rows.map((r) => r.size)];
  const table = [header, ...lines.map(([label, f]) => [label, ...rows.map(f)])];
  const widths = header.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
  const text = table.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')).join('\n');
  const targets = [];
  const big = rows[rows.length - 1];
  if (big) {
    if (big.pflogsummS) targets.push({ label: `log ${big.size}: explained faster than pflogsumm summarises it`, ok: big.explainS < big.pflogsummS, value: big.pflogsummS / big.explainS });
    targets.push({ label: `log ${big.size}: explain within 10x of grep -c`, ok: big.explainS <= 10 * big.grepS, value: big.explainS / big.grepS });
  }
  for (const r of rows) targets.push({ label: `log ${r.size}: explain peak RSS < 300 MB`, ok: r.explainPeakRssMb < 300, value: r.explainPeakRssMb });
  return { text, targets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const rows = await benchLogs({
    sizes: opt('--log-sizes', '100m,1g').split(','), runs: Number(opt('--runs', '3')), pflogsummRuns: Number(opt('--pflogsumm-runs', '1')), seed: Number(opt('--seed', '16')),
  });
  const { text, targets } = logTable(rows);
  console.log(text);
  console.log('\ntargets:');
  for (const t of targets) console.log(`  ${t.ok ? 'MET ' : 'MISS'} ${t.label} (${t.value.toFixed(2)})`);
  const out = join(root, 'bench', 'results', 'logs-latest.json');
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, targets }, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
}
