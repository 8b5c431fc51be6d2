#!/usr/bin/env node
// The reviewed findings on the real configurations of test/fixtures/corpus: each folder's
// findings.txt lists every finding postfix-lint gives there under the default settings, with
// a few words on why it is right. test/parity/corpusFindings.test.ts fails when the product's
// findings and the list differ, so any change in what users see on real configurations
// comes up for review.
//
// Usage: node scripts/corpus-findings.mjs           show what differs from the lists
//        node scripts/corpus-findings.mjs --write   rewrite the lists: reviewed lines are kept,
//                                                    vanished ones dropped, new ones marked UNREVIEWED
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = join(root, 'test', 'fixtures', 'corpus');
export const UNREVIEWED = 'UNREVIEWED';

const HEADER = [
  '# Every finding postfix-lint gives on this configuration with the default settings, reviewed:',
  '# code, place, and why it is right. test/parity/corpusFindings.test.ts compares; after a',
  '# change, node scripts/corpus-findings.mjs --write adds new findings as UNREVIEWED for review.',
];

/** The corpus folders, sorted. */
export function corpusFolders() {
  return readdirSync(CORPUS).filter((d) => existsSync(join(CORPUS, d, 'main.cf')) || existsSync(join(CORPUS, d, 'master.cf'))).sort();
}

/** postfix-lint's findings on a folder, as "code file:line:col" keys with their severity and message. */
export function currentFindings(folder) {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'lint.js'), '--format', 'json', join(CORPUS, folder)], { encoding: 'utf8' });
  if (r.status === 2 || !r.stdout) throw new Error(`postfix-lint failed on ${folder}: ${r.stderr}`);
  return JSON.parse(r.stdout).findings.map((f) => ({
    key: `${f.code} ${f.file.split('/').pop()}:${f.line}:${f.column}`, severity: f.severity, message: f.message,
  }));
}

/** The reviewed list of a folder: key -> why. */
export function reviewed(folder) {
  const file = join(CORPUS, folder, 'findings.txt');
  const out = new Map();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\S+)\s+(\S+:\d+:\d+)\s+(.*)$/.exec(line);
    if (m) out.set(`${m[1]} ${m[2]}`, m[3]);
  }
  return out;
}

function main() {
  const write = process.argv.includes('--write');
  let differ = 0;
  for (const folder of corpusFolders()) {
    const found = currentFindings(folder);
    const known = reviewed(folder);
    const added = found.filter((f) => !known.has(f.key));
    const gone = [...known.keys()].filter((k) => !found.some((f) => f.key === k));
    for (const f of added) console.log(`${folder}: new      ${f.key}  ${f.message}`);
    for (const k of gone) console.log(`${folder}: vanished ${k}`);
    differ += added.length + gone.length;
    if (write) {
      const lines = found.map((f) => `${f.key.replace(' ', '  ')}  ${known.get(f.key) ?? UNREVIEWED}`);
      writeFileSync(join(CORPUS, folder, 'findings.txt'), `${[...HEADER, ...lines].join('\n')}\n`);
    }
  }
  console.log(differ ? `${differ} finding(s) differ from the reviewed lists${write ? ' (lists rewritten)' : ''}` : 'every finding is in the reviewed lists');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
