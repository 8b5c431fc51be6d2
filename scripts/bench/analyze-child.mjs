// One benchmark measurement in a fresh process, so peak RSS belongs to one size only.
// Usage: node analyze-child.mjs DIR RUNS  -> prints one JSON line
//   full: parse both files + every rule + diagnostics conversion (+ code lenses when the
//         server has them), median over RUNS;
//   edit: the same after changing one line in the middle of main.cf, reusing the parsed
//         master.cf as the server does (only the edited document is parsed again).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const out = join(new URL('../..', import.meta.url).pathname, 'out', 'server', 'core');
const { parseSource, updateSource } = require(join(out, 'document.js'));
const { Configuration } = require(join(out, 'model', 'configuration.js'));
const { diagnosticsFor } = require(join(out, 'languageService.js'));
let codeLenses;
try {
  ({ codeLenses } = require(join(out, 'features', 'codeLens.js')));
} catch {
  codeLenses = undefined;
}

const [dir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const mainText = readFileSync(join(dir, 'main.cf'), 'utf8');
const masterText = readFileSync(join(dir, 'master.cf'), 'utf8');
const settings = { disabled: new Set(), receivers: [], version: undefined };

function analyzeOnce(main, master) {
  const files = { main, master };
  const config = new Configuration({ main: main.tree, master: master.tree });
  const diagnostics = diagnosticsFor(config, files, settings);
  if (codeLenses) codeLenses({ config, files, settings, file: master });
  let count = 0;
  for (const list of diagnostics.values()) count += list.length;
  return count;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Wall-clock and CPU milliseconds of fn (CPU time is steadier on a busy machine). */
function timed(fn, wall, cpu) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  return result;
}

const full = [];
const fullCpu = [];
let diagnostics = 0;
for (let i = 0; i < runs; i++) {
  diagnostics = timed(() => {
    const main = parseSource('main', 'file:///bench/main.cf', mainText, 1);
    const master = parseSource('master', 'file:///bench/master.cf', masterText, 1);
    return analyzeOnce(main, master);
  }, full, fullCpu);
}

// One-line edit in the middle of main.cf: a value changes.
const lines = mainText.split('\n');
const master = parseSource('master', 'file:///bench/master.cf', masterText, 1);
const edit = [];
const editCpu = [];
// As the server does: each version is re-parsed from the previous one (only the edited
// region), the other file's tree is reused, and every rule runs again.
let current = parseSource('main', 'file:///bench/main.cf', mainText, 1);
analyzeOnce(current, master);
for (let i = 0; i < runs; i++) {
  const mid = Math.floor(lines.length / 2) + i;
  const edited = [...lines];
  edited[mid] = `bench_edit_${i} = $myhostname`;
  const text = edited.join('\n');
  timed(() => analyzeOnce((current = updateSource(current, text, 2 + i)), master), edit, editCpu);
}

const mainLines = lines.length - 1;
console.log(JSON.stringify({
  mainLines,
  masterLines: masterText.split('\n').length - 1,
  diagnostics,
  fullMs: median(full),
  fullCpuMs: median(fullCpu),
  editMs: median(edit),
  editCpuMs: median(editCpu),
  msPer1000Lines: median(full) / ((mainLines + masterText.split('\n').length - 1) / 1000),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
}));
