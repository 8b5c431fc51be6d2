#!/usr/bin/env node
// Lookup tables at size (issue 15): a 1,000,000-line transport map beside main.cf and
// master.cf, over real LSP on stdio: main.cf opened -> its diagnostics and the table's
// (the table read from disk); the table opened -> diagnostics; one-line edits of the table
// -> diagnostics (p50/p95); an edit of main.cf with the table in the configuration; the
// server's peak RSS; and `postmap` building the same file, side by side.
//
// Usage: node scripts/bench/maps.mjs [--lines 1000000] [--edits 10]
// Needs: npm run build (npm run bench does it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startServer } from './lsp.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const LINES = Number(opt('--lines', 1_000_000));
const EDITS = Number(opt('--edits', 10));

/** The server's CPU time so far (user + system, Linux /proc; 10 ms ticks), in ms. */
const cpuMs = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
};

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

export async function measureMaps({ lines = LINES, edits = EDITS } = {}) {
  const dir = join(tmpdir(), 'postfix-lsp-bench', `maps-${lines}`);
  mkdirSync(join(dir, 'cfg'), { recursive: true });
  const main = 'transport_maps = hash:/etc/postfix/transport\n';
  const master = ['smtp unix - - n - - smtp', 'relay0 unix - - n - - smtp', 'relay1 unix - - n - - smtp', 'relay2 unix - - n - - smtp', ''].join('\n');
  const rows = [];
  for (let i = 0; i < lines; i++) rows.push(`domain${i}.example relay${i % 3}:[mx${i % 1000}.example.com]:25`);
  const table = rows.join('\n') + '\n';
  writeFileSync(join(dir, 'main.cf'), main);
  writeFileSync(join(dir, 'master.cf'), master);
  writeFileSync(join(dir, 'transport'), table);
  writeFileSync(join(dir, 'cfg', 'main.cf'), '');
  spawnSync('touch', ['-d', '-1 minute', join(dir, 'main.cf'), join(dir, 'master.cf'), join(dir, 'transport'), join(dir, 'cfg', 'main.cf')]);
  const result = { mapLines: lines, mapMb: +(table.length / 1e6).toFixed(1) };

  const server = await startServer();
  const mainUri = pathToFileURL(join(dir, 'main.cf')).href;
  const mapUri = pathToFileURL(join(dir, 'transport')).href;
  const pid = server.child.pid;
  let cpu = cpuMs(pid);
  let t = performance.now();
  const both = Promise.all([server.diagnostics(mainUri), server.diagnostics(mapUri)]);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: mainUri, languageId: 'postfix-main', version: 1, text: main } });
  await both;
  result.mainOpenWithMapMs = performance.now() - t;
  result.peakAfterMainOpenMb = server.peakRssMb();
  cpu = cpuMs(pid);

  t = performance.now();
  const opened = server.diagnostics(mapUri, 1);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: mapUri, languageId: 'postfix-map', version: 1, text: table } });
  await opened;
  result.mapOpenMs = performance.now() - t;
  result.mapOpenCpuMs = cpuMs(pid) - cpu;
  result.peakAfterMapOpenMb = server.peakRssMb();
  cpu = cpuMs(pid);

  const times = [];
  for (let e = 0; e < edits; e++) {
    const line = Math.floor(lines / 2) + e;
    const version = e + 2;
    const next = server.diagnostics(mapUri, version);
    t = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: mapUri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 6 } }, text: 'domaiX' }],
    });
    await next;
    times.push(performance.now() - t);
  }
  // Mean server CPU per edit (tick resolution is too coarse for one edit); the full
  // collection the server runs after each large check (memory.ts) is part of it.
  result.mapEditCpuMs = (cpuMs(pid) - cpu) / edits;
  result.mapEditTimes = times.map((x) => Math.round(x));
  result.mapEditP50 = quantile(times, 0.5);
  result.mapEditP95 = quantile(times, 0.95);

  // Typing a new entry, one keystroke at a time, on a new line in the middle: until the
  // value's first character the line is malformed (a key without a value), as postmap
  // would say, so every keystroke in between is a table with a problem to report.
  const typed = 'new.example relay0:';
  const typingTimes = [];
  let typingVersion = edits + 2;
  cpu = cpuMs(pid);
  const at = { line: Math.floor(lines / 3), character: 0 };
  for (let k = 0; k <= typed.length; k++) {
    const version = typingVersion++;
    const next = server.diagnostics(mapUri, version);
    const change = k === 0
      ? { range: { start: at, end: at }, text: '\n' }
      : { range: { start: { line: at.line, character: k - 1 }, end: { line: at.line, character: k - 1 } }, text: typed[k - 1] };
    t = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: mapUri, version }, contentChanges: [change] });
    const published = await next;
    typingTimes.push(performance.now() - t);
    if (k === 3) result.typingProblemShown = published.diagnostics.some((d) => d.range.start.line === at.line);
  }
  // A line copied below itself (a duplicate key until its key is changed), then a new key
  // typed over the copy's first characters.
  const copied = { line: Math.floor((2 * lines) / 3), character: 0 };
  const row = rows[copied.line];
  for (let k = 0; k <= 6; k++) {
    const version = typingVersion++;
    const next = server.diagnostics(mapUri, version);
    const change = k === 0
      ? { range: { start: copied, end: copied }, text: `${row}\n` }
      : { range: { start: { line: copied.line, character: k - 1 }, end: { line: copied.line, character: k } }, text: 'copy!!'[k - 1] };
    t = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: mapUri, version }, contentChanges: [change] });
    const published = await next;
    typingTimes.push(performance.now() - t);
    if (k === 0) result.copyDuplicateShown = published.diagnostics.some((d) => d.code === 'map-duplicate-key');
  }
  result.typingCpuMs = (cpuMs(pid) - cpu) / typingTimes.length;
  result.typingTimes = typingTimes.map((x) => Math.round(x));
  result.typingP50 = quantile(typingTimes, 0.5);
  result.typingP95 = quantile(typingTimes, 0.95);

  const mainTimes = [];
  for (let e = 0; e < edits; e++) {
    const version = e + 2;
    const next = server.diagnostics(mainUri, version);
    t = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: mainUri, version }, contentChanges: [{ text: `${main}myhostname = host${e}.example\n` }],
    });
    await next;
    mainTimes.push(performance.now() - t);
  }
  result.mainEditWithMapP95 = quantile(mainTimes, 0.95);
  result.serverPeakRssMb = server.peakRssMb();
  await server.stop();

  const postmap = ['/usr/sbin/postmap'].find((p) => spawnSync('test', ['-x', p]).status === 0);
  if (postmap) {
    t = performance.now();
    spawnSync(postmap, ['-c', join(dir, 'cfg'), `hash:${join(dir, 'transport')}`], { stdio: 'ignore' });
    result.postmapBuildMs = performance.now() - t;
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await measureMaps();
  const fmt = (n) => (n === undefined ? '-' : n.toFixed(0));
  console.log(`transport map: ${r.mapLines} lines, ${r.mapMb} MB`);
  console.log(`main.cf opened -> diagnostics (table read from disk): ${fmt(r.mainOpenWithMapMs)} ms`);
  console.log(`table opened -> diagnostics: ${fmt(r.mapOpenMs)} ms (server CPU ${fmt(r.mapOpenCpuMs)} ms)`);
  console.log(`table edit -> diagnostics p50 / p95: ${fmt(r.mapEditP50)} / ${fmt(r.mapEditP95)} ms (server CPU per edit, mean: ${fmt(r.mapEditCpuMs)} ms)`);
  console.log(`  each edit, in order: ${r.mapEditTimes.join(' ')} ms`);
  console.log(`typing a new entry and retyping a copied line, keystroke -> diagnostics p50 / p95: ${fmt(r.typingP50)} / ${fmt(r.typingP95)} ms (server CPU per keystroke, mean: ${fmt(r.typingCpuMs)} ms; the half-typed line reported: ${r.typingProblemShown ? 'yes' : 'NO'}; then a line copied and its key retyped, the duplicate reported: ${r.copyDuplicateShown ? 'yes' : 'NO'})`);
  console.log(`  each keystroke, in order: ${r.typingTimes.join(' ')} ms`);
  console.log(`main.cf edit -> diagnostics p95 (table in the configuration): ${fmt(r.mainEditWithMapP95)} ms`);
  console.log(`server peak RSS: ${fmt(r.serverPeakRssMb)} MB (after main.cf opened ${fmt(r.peakAfterMainOpenMb)}, after the table opened ${fmt(r.peakAfterMapOpenMb)})`);
  console.log(`postmap hash: build of the same file: ${fmt(r.postmapBuildMs)} ms`);
  const targets = [
    ['table opened to diagnostics within 2 s', r.mapOpenMs < 2000, r.mapOpenMs],
    ['table edit -> diagnostics p95 < 50 ms', r.mapEditP95 < 50, r.mapEditP95],
    ['typing a new entry: keystroke -> diagnostics p95 < 50 ms', r.typingP95 < 50, r.typingP95],
    ['server peak RSS < 300 MB', r.serverPeakRssMb < 300, r.serverPeakRssMb],
    ['table opened faster than postmap builds it', r.postmapBuildMs === undefined || r.mapOpenMs < r.postmapBuildMs, r.postmapBuildMs],
  ];
  console.log('\ntargets:');
  for (const [label, ok, value] of targets) console.log(`  ${ok ? 'MET ' : 'MISS'} ${label} (${fmt(value)})`);
}
