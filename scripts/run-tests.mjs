#!/usr/bin/env node
// Runs the compiled test files (out/test/**/*.test.js) with Node's test runner.
// Usage: node scripts/run-tests.mjs [substring ...]   (only files whose path contains one)
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const found = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) found.push(p);
  }
};
walk(join(root, 'out/test'));
// Filters match the path below out/test/, not the checkout's own location.
const files = found.filter((f) => !f.includes('/editor/') && (!filters.length || filters.some((s) => relative(join(root, 'out/test'), f).includes(s)))).sort();
if (!files.length) {
  console.error('no test files found; run npm run compile-tests first');
  process.exit(1);
}
console.log(`running ${files.length} test files: ${files.map((f) => relative(root, f)).join(' ')}`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
