#!/usr/bin/env node
// The editor-level tests, after the unit/protocol/parity run (npm test's posttest step):
//   1. code-server 4.100.3, installed once into a cache outside the clone
//   2. the extension-host suite (test/editor/suite) on the development folder
//   3. npm run package: the .vsix, which must stay under 1 MB
//   4. the same suite on the packaged extension, installed with --install-extension
//   5. the UI smoke test on the installed .vsix (screenshots in test-results/screenshots)
// Expects dist/ and out/ to be built (npm test's pretest does it).
// Usage: node scripts/run-editor-tests.mjs [--only suite,package,packaged,ui] [--screenshots DIR]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { only: { type: 'string' }, screenshots: { type: 'string' } } });
const phases = new Set((values.only ?? 'suite,package,packaged,ui').split(','));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `${pkg.name}-${pkg.version}.vsix`);
const MAX_VSIX_BYTES = 1024 * 1024;
const times = [];

function phase(name, fn) {
  const t0 = Date.now();
  console.log(`\n=== editor tests: ${name}`);
  fn();
  times.push([name, (Date.now() - t0) / 1000]);
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`editor tests: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

if (!existsSync(join(root, 'out/test/editor/harness/runSuite.js')) || !existsSync(join(root, 'dist/client.js'))) {
  console.error('editor tests: build first (npm run build && npm run compile-tests)');
  process.exit(1);
}

let codeServer;
phase('code-server', () => {
  const out = execFileSync('bash', [join(root, 'test/editor/install-code-server.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  codeServer = out.trim().split('\n').pop();
  console.log(`code-server in ${codeServer}`);
});
const env = { CODE_SERVER_DIR: codeServer };

if (phases.has('suite')) phase('extension-host suite, development folder', () => run(process.execPath, ['out/test/editor/harness/runSuite.js', '--extension', root], env));
if (phases.has('package') || phases.has('packaged') || phases.has('ui')) {
  phase('npm run package', () => {
    run('npm', ['run', '--silent', 'package']);
    const size = statSync(vsix).size;
    console.log(`${vsix}: ${(size / 1024).toFixed(1)} KiB`);
    if (size > MAX_VSIX_BYTES) {
      console.error(`editor tests: the .vsix is ${size} bytes, over the 1 MB budget`);
      process.exit(1);
    }
  });
}
if (phases.has('packaged')) phase('extension-host suite, installed .vsix', () => run(process.execPath, ['out/test/editor/harness/runSuite.js', '--vsix', vsix], env));
if (phases.has('ui')) {
  const shots = values.screenshots ? ['--shots', values.screenshots] : [];
  phase('UI smoke test, installed .vsix', () => run(process.execPath, ['out/test/editor/ui/smoke.js', '--vsix', vsix, ...shots], env));
}

console.log('\neditor tests passed:');
for (const [name, s] of times) console.log(`  ${s.toFixed(1).padStart(6)} s  ${name}`);
