#!/usr/bin/env node
// Writes server/core/settingsSchema.ts's SETTINGS_SCHEMA into package.json's
// contributes.configuration.properties, so the schema is defined once.
// Usage: node scripts/sync-settings.mjs [--check]   (--check: exit 1 if they differ)
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  entryPoints: [join(root, 'server/core/settingsSchema.ts')],
  bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning',
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const schema = mod.exports.SETTINGS_SCHEMA;

const path = join(root, 'package.json');
const text = readFileSync(path, 'utf8');
const pkg = JSON.parse(text);
pkg.contributes.configuration.properties = JSON.parse(JSON.stringify(schema));
const next = `${JSON.stringify(pkg, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('package.json contributes.configuration.properties differs from SETTINGS_SCHEMA; run npm run sync:settings');
    process.exit(1);
  }
} else if (next !== text) {
  writeFileSync(path, next);
  console.log('package.json: settings updated from SETTINGS_SCHEMA');
}
