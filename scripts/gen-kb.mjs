#!/usr/bin/env node
// Generates server/core/kb/parameters.generated.json from the Postfix releases themselves
// (scripts/data/releases.json, built by scripts/postfix-releases.mjs): each release's own
// postconf says which names it knows, their raw defaults, the names master.cf services
// define and the deprecations it warns about; its source says each name's type, bounds,
// reading programs and the release that introduced it. No documentation text is copied.
//
// Usage: node scripts/gen-kb.mjs            build what is missing, write the knowledge base
//        node scripts/gen-kb.mjs --check    exit 1 when the committed file differs from a fresh run
//
// The file stores differences between releases, not one copy per release: a name's
// releases are a bit mask over `releases`, its defaults are [first release index, text]
// runs, and so are deprecations and database attributes.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RELEASES, buildRelease, historyClone } from './postfix-releases.mjs';
import {
  buildTimeNames, builtinDefaults, deprecations, documentedNames, legacyNames, masterColumnDefaults, namedFunctions, parameterTables, parseAlternative,
  serviceDefined, sourceOf, stockCompatibilityLevel, stockServices, accessValues,
} from './kb/release-facts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = join(root, 'server/core/kb/parameters.generated.json');

/**
 * What Postfix sets itself, in code rather than in tables: the names a program gets from
 * master(8) or from its own process, which main.cf cannot usefully set.
 */
const READ_ONLY = ['process_id', 'process_name', 'service_name'];

/** Everything one release says, keyed by fact. */
function releaseFacts(release) {
  const built = buildRelease(release);
  const source = sourceOf(historyClone(), built.commit);
  const tables = parameterTables(source);
  const databases = {};
  for (const file of readdirSync(built.facts)) {
    const type = /^pcf_(\w+)_suffixes\.h$/.exec(file)[1];
    databases[type] = [...readFileSync(join(built.facts, file), 'utf8').matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
  }
  return {
    defaults: builtinDefaults(built),
    tables,
    documented: documentedNames(source),
    buildTime: buildTimeNames(source),
    services: serviceDefined(built),
    deprecated: deprecations(built, source),
    functions: namedFunctions(source),
    legacy: legacyNames(source),
    stockServices: stockServices(source),
    masterColumns: masterColumnDefaults(source),
    stockLevel: stockCompatibilityLevel(source),
    access: accessValues(source),
    databases,
  };
}

/** [index, value] runs: a new run wherever the value (compared as JSON) changes. */
function runsOf(values) {
  const runs = [];
  values.forEach((value, i) => {
    const last = runs[runs.length - 1];
    if (!last || JSON.stringify(last[1]) !== JSON.stringify(value)) runs.push([i, value]);
  });
  return runs.filter((run, i) => i > 0 || run[1] !== null);
}

/** The same value in every release, or a failure that says where it changed. */
function constant(values, what) {
  const first = JSON.stringify(values[0]);
  const differ = values.findIndex((v) => JSON.stringify(v) !== first);
  if (differ >= 0) throw new Error(`${what} differs from ${RELEASES[0].name} in ${RELEASES[differ].name}: extend the format to keep it per release`);
  return values[0];
}

/** The names a default refers to: `$name`, `${name...}`, `$(name...)`, but not a function call `${name{...}}`. */
const refsIn = (text) => [...String(text).matchAll(/\$(?:[{(]\s*([A-Za-z0-9_]+)(?![A-Za-z0-9_]|\s*\{)|([A-Za-z0-9_]+))/g)]
  .map((m) => m[1] ?? m[2]).filter(Boolean);

export function generate(perRelease) {
  if (RELEASES.length > 30) throw new Error('release masks are 31-bit numbers: split them before adding more releases');
  const bit = (i) => 2 ** i;
  const names = new Set();
  for (const r of perRelease) for (const map of [r.defaults, r.tables, r.documented]) for (const n of map.keys()) names.add(n);

  // Service-defined names: which commands get which suffixes, and each suffix's default.
  const services = constant(perRelease.map((r) => r.services), 'the service-defined names');
  const qmgrSuffixes = services.byCommand.smtp;
  const commands = Object.keys(services.byCommand).filter((c) => JSON.stringify(services.byCommand[c].filter((s) => qmgrSuffixes.includes(s))) === JSON.stringify(qmgrSuffixes));
  const extra = (c) => (services.byCommand[c] ?? []).filter((s) => !qmgrSuffixes.includes(s));
  const serviceDefinedSuffixes = {
    commands, suffixes: qmgrSuffixes, pipeAlso: extra('pipe'), spawnOnly: services.byCommand.spawn ?? [], templates: services.templates,
  };

  const referencedByDefault = new Map();
  const params = {};
  for (const name of [...names].sort()) {
    let builtin = 0;
    let documented = 0;
    const defaults = [];
    const rows = [];
    let since;
    let setAtBuild = false;
    perRelease.forEach((r, i) => {
      if (r.defaults.has(name)) builtin |= bit(i);
      if (r.documented.has(name)) {
        documented |= bit(i);
        since = r.documented.get(name).since ?? since;
      }
      if (r.buildTime.has(name)) setAtBuild = true;
      const row = r.tables.get(name);
      if (row) rows.push(row);
      defaults.push(r.defaults.has(name) ? r.defaults.get(name) : null);
      for (const ref of r.defaults.has(name) ? refsIn(r.defaults.get(name)) : []) referencedByDefault.set(ref, (referencedByDefault.get(ref) ?? 0) | bit(i));
    });
    const entry = { builtin, documented };
    if (rows.length) {
      // Type and bounds as each release's tables give them; kept flat while they never change
      // (compatibility_level was a number before 3.6, a version text since).
      const checks = perRelease.map((r) => {
        const row = r.tables.get(name);
        if (!row) return null;
        if (row.types.size > 1) throw new Error(`${r.name}: ${name} has several types: ${[...row.types]}`);
        return { type: [...row.types][0], ...(row.min ? { min: row.min } : {}), ...(row.max ? { max: row.max } : {}) };
      });
      const runs = runsOf(checks);
      if (runs.length === 1) Object.assign(entry, runs[0][1]);
      else entry.checks = runs;
      entry.readBy = [...new Set(rows.flatMap((row) => [...row.readBy]))].sort();
    }
    if (since) entry.since = since;
    // Computed where Postfix runs (host name, networks, process): no value to know here.
    const computed = rows.some((row) => row.types.has('str_fn')) || name === 'process_id';
    if (computed) entry.computed = true;
    else if (builtin) entry.defaults = runsOf(defaults);
    if (setAtBuild) entry.setAtBuild = true;
    if (READ_ONLY.includes(name)) entry.readOnly = true;
    params[name] = entry;
  }

  const deprecated = {};
  const deprecatedNames = new Set(perRelease.flatMap((r) => Object.keys(r.deprecated)));
  for (const name of [...deprecatedNames].sort()) {
    deprecated[name] = runsOf(perRelease.map((r) => (r.deprecated[name] === undefined ? null : parseAlternative(r.deprecated[name]))));
  }
  const databaseTypes = [...new Set(perRelease.flatMap((r) => Object.keys(r.databases)))].sort();
  const legacyDatabases = Object.fromEntries(databaseTypes.map((t) => [t, runsOf(perRelease.map((r) => r.databases[t] ?? null))]));

  const functions = runsOf(perRelease.map((r) => (r.functions.length ? r.functions : null)));
  const legacyNames = runsOf(perRelease.map((r) => r.legacy));
  const stockServices = runsOf(perRelease.map((r) => r.stockServices));
  const masterColumns = runsOf(perRelease.map((r) => r.masterColumns));
  const stockCompatibilityLevel = runsOf(perRelease.map((r) => r.stockLevel));
  const accessActions = runsOf(perRelease.map((r) => r.access.actions));
  const accessRestrictions = runsOf(perRelease.map((r) => r.access.restrictions));

  // Defaults that follow compatibility_level, directly or through the names they refer to
  // (what raising compatibility_level changes, release by release).
  const compatibilityDependent = {};
  perRelease.forEach((r, i) => {
    const memo = new Map();
    const depends = (name, seen = new Set()) => {
      if (memo.has(name)) return memo.get(name);
      if (seen.has(name) || !r.defaults.has(name)) return false;
      seen.add(name);
      const text = r.defaults.get(name);
      const result = name !== 'compatibility_level' && (refsIn(text).includes('compatibility_level') || refsIn(text).some((ref) => depends(ref, seen)));
      memo.set(name, result);
      return result;
    };
    for (const name of r.defaults.keys()) if (depends(name)) compatibilityDependent[name] = (compatibilityDependent[name] ?? 0) | bit(i);
  });

  return {
    _generated: 'by scripts/gen-kb.mjs from each Postfix release of scripts/data/releases.json (its postconf and its source); do not edit',
    releases: RELEASES.map((r) => r.name),
    releaseNotes: RELEASES.map((r) => r.why ?? ''),
    serviceDefinedSuffixes,
    deprecated,
    legacyDatabases,
    functions,
    legacyNames,
    stockServices,
    masterColumns,
    stockCompatibilityLevel,
    accessActions,
    accessRestrictions,
    compatibilityDependent: Object.fromEntries(Object.entries(compatibilityDependent).sort(([a], [b]) => (a < b ? -1 : 1))),
    referencedByDefault: Object.fromEntries([...referencedByDefault.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    params,
  };
}

/** The file's text: one parameter per line, so a regeneration diffs by name. */
export function render(kb) {
  return `${JSON.stringify(kb, null, 0).replace(/\},"/g, '},\n"')}\n`;
}

function main() {
  const t0 = Date.now();
  const perRelease = RELEASES.map((r) => releaseFacts(r));
  const text = render(generate(perRelease));
  const seconds = Math.round((Date.now() - t0) / 1000);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(TARGET, 'utf8');
    } catch { /* missing counts as drift */ }
    if (current !== text) {
      console.error(`${TARGET} is out of date with the releases' own facts: run npm run gen:kb`);
      process.exit(1);
    }
    console.log(`knowledge base is up to date with ${RELEASES.length} releases (${seconds} s)`);
    return;
  }
  writeFileSync(TARGET, text);
  console.log(`wrote ${TARGET}: ${RELEASES.length} releases, ${Object.keys(JSON.parse(text).params).length} names (${seconds} s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
