#!/usr/bin/env node
// Generates server/core/kb/parameters.generated.json from the vendored fact file
// scripts/data/postfix-parameters.json (facts only: types, bounds, readers, releases,
// defaults, deprecations; no documentation prose).
//
// Usage: node scripts/gen-kb.mjs            write the knowledge base
//        node scripts/gen-kb.mjs --check    exit 1 when the committed file is out of date
//
// What it derives, so the server does no guessing at run time:
// - `documented`: bit mask over `releases` of the releases whose postconf(5) lists the name;
// - `builtin`: bit mask of the releases where postconf knows the name without any help from
//   master.cf or user references (postconf -d lists it). For 3.7.11 that is exactly the
//   `postconf -d` list; a name documented in 3.7.11 but absent from it is a legacy or
//   service-derived name and is treated as never built in; any other name is built in where
//   it is documented;
// - `referencedByDefault`: bit mask of the releases whose default values mention `$name`,
//   which makes postconf accept the name when a config sets it (postconf_user.c);
// - per-release default text, taken from `postconf -d` for 3.7.11 and from the documented
//   default elsewhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, 'scripts/data/postfix-parameters.json');
const TARGET = join(root, 'server/core/kb/parameters.generated.json');
const PC_RELEASE = '3.7.11';

const ENTITIES = { '&ge;': '>=', '&le;': '<=', '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' };
const decodeEntities = (text) => text.replace(/&(ge|le|lt|gt|amp|quot);/g, (e) => ENTITIES[e]);

export function generate(src) {
  const releases = src.releases;
  const bit = (rel) => 1 << releases.indexOf(rel);
  const pcIndex = releases.indexOf(PC_RELEASE);
  const params = {};
  const refMask = new Map();
  const addRefs = (text, mask) => {
    for (const m of String(text).matchAll(/\$(?:\{\s*|\(\s*)?([A-Za-z0-9_]+)/g)) {
      refMask.set(m[1], (refMask.get(m[1]) ?? 0) | mask);
    }
  };
  for (const name of Object.keys(src.parameters).sort()) {
    const p = src.parameters[name];
    const documentedIn = p.documentedIn ?? [];
    const documented = documentedIn.reduce((m, r) => m | bit(r), 0);
    const inPostconf37 = p.postconfDefault_3_7_11 !== undefined;
    const legacy = !inPostconf37 && documentedIn.includes(PC_RELEASE);
    let builtin = 0;
    if (!p.templated || inPostconf37) {
      builtin = legacy ? 0 : documented | (inPostconf37 ? 1 << pcIndex : 0);
    }
    // Default text per release: the documented text in force at that release, except
    // that 3.7.11 uses what postconf -d printed.
    const docKeys = Object.keys(p.docDefault ?? {}).sort((a, b) => releases.indexOf(a) - releases.indexOf(b));
    const defaults = [];
    releases.forEach((rel, i) => {
      let text;
      if (i === pcIndex && inPostconf37) text = p.postconfDefault_3_7_11;
      else if (documented & (1 << i)) {
        const key = docKeys.filter((k) => releases.indexOf(k) <= i).pop();
        if (key !== undefined) text = decodeEntities(p.docDefault[key]);
      }
      if (text === undefined) return;
      const last = defaults[defaults.length - 1];
      if (!last || last[1] !== text) defaults.push([i, text]);
      if (builtin & (1 << i)) addRefs(text, 1 << i);
    });
    const entry = { documented, builtin };
    for (const k of ['type', 'min', 'max', 'readBy', 'since', 'templated', 'readOnly']) {
      // min/max of 0 mean "not checked" in Postfix, so they are left out.
      if (p[k] !== undefined && p[k] !== 0) entry[k] = p[k];
    }
    if (defaults.length) entry.defaults = defaults;
    params[name] = entry;
  }
  const referencedByDefault = Object.fromEntries([...refMask.entries()].sort());
  const { note: _note, ...suffixes } = src.serviceDefinedSuffixes;
  const { _note: _dnote, ...deprecated } = src.deprecated;
  return {
    _generated: 'by scripts/gen-kb.mjs from scripts/data/postfix-parameters.json; do not edit',
    releases,
    serviceDefinedSuffixes: suffixes,
    deprecated,
    referencedByDefault,
    params,
  };
}

function main() {
  const src = JSON.parse(readFileSync(SOURCE, 'utf8'));
  const text = JSON.stringify(generate(src), null, 0).replace(/\},"/g, '},\n"') + '\n';
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(TARGET, 'utf8'); } catch { /* missing counts as drift */ }
    if (current !== text) {
      console.error(`${TARGET} is out of date: run npm run gen:kb`);
      process.exit(1);
    }
    console.log('knowledge base is up to date');
    return;
  }
  writeFileSync(TARGET, text);
  console.log(`wrote ${TARGET} (${Object.keys(src.parameters).length} parameters)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
