// One benchmark measurement in a fresh process, so peak RSS belongs to one size only.
// Usage: node analyze-child.mjs DIR RUNS  -> prints one JSON line
//   full: parse both files + every rule + diagnostics conversion + code lenses, in a fresh
//         language service (what nothing was kept for), median over RUNS;
//   edit: the same after changing one line in the middle of main.cf, with one service for
//         every version and the parsed master.cf reused, as the server does (only the
//         edited document is parsed again).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const out = join(new URL('../..', import.meta.url).pathname, 'out', 'server', 'core');
const { createLanguageService } = require(join(out, 'languageService.js'));

const [dir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const mainText = readFileSync(join(dir, 'main.cf'), 'utf8');
const masterText = readFileSync(join(dir, 'master.cf'), 'utf8');
const settings = { levels: new Map(), receivers: [], version: undefined };

function analyzeOnce(service, main, master) {
  const files = { main, master };
  const diagnostics = service.validate(files, settings);
  service.codeLenses({ files, file: master, settings });
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
    const service = createLanguageService();
    const main = service.parse('main', 'file:///bench/main.cf', mainText, 1);
    const master = service.parse('master', 'file:///bench/master.cf', masterText, 1);
    return analyzeOnce(service, main, master);
  }, full, fullCpu);
}

// One-line edit in the middle of main.cf: a value changes.
const lines = mainText.split('\n');
const service = createLanguageService();
const master = service.parse('master', 'file:///bench/master.cf', masterText, 1);
const edit = [];
const editCpu = [];
// As the server does: each version is re-parsed from the previous one (only the edited
// region), the other file's tree is reused, and every rule runs again.
let current = service.parse('main', 'file:///bench/main.cf', mainText, 1);
analyzeOnce(service, current, master);
for (let i = 0; i < runs; i++) {
  const mid = Math.floor(lines.length / 2) + i;
  const edited = [...lines];
  edited[mid] = `bench_edit_${i} = $myhostname`;
  const text = edited.join('\n');
  timed(() => analyzeOnce(service, (current = service.update(current, text, 2 + i)), master), edit, editCpu);
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
