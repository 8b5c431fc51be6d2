#!/usr/bin/env node
// Bundles the extension client, the language server and the command-line checker into
// dist/ with esbuild, after a strict type check of the whole project (tsc --noEmit).
// Usage: node scripts/build.mjs [--no-typecheck] [--no-minify]
// Minified by default, as the .vsix ships it: smaller bundles start faster (every editor
// start and every postfix-lint run pays for reading them); source maps keep traces readable.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

if (!args.has('--no-typecheck')) {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root, '--noEmit'], { stdio: 'inherit' });
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: !args.has('--no-minify'),
  logLevel: 'warning',
  absWorkingDir: root,
};

const entries = [
  { in: 'client/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/main.ts', out: 'dist/server.js', bin: true },
  { in: 'server/lint.ts', out: 'dist/lint.js', bin: true },
];

for (const e of entries) {
  if (!existsSync(join(root, e.in))) continue;
  await build({
    ...common,
    entryPoints: [e.in],
    outfile: e.out,
    external: e.external ?? [],
    banner: e.bin ? { js: '#!/usr/bin/env node' } : undefined,
  });
  if (e.bin) chmodSync(join(root, e.out), 0o755);
}
console.log('built dist/');
