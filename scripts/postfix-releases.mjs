#!/usr/bin/env node
// Builds the Postfix releases of scripts/data/releases.json from Postfix's official source
// history, so that each release's own postconf can generate the knowledge base and judge
// the tests. Only what that needs is built (the libraries, postconf and postmap: about 12 s a
// release on 2 cores, against 25 s for all of Postfix). Builds are cached outside the clone,
// one folder per release, keyed by the git object the release was built from.
//
// Usage: node scripts/postfix-releases.mjs build [NAME ...] [--if-available]
//        node scripts/postfix-releases.mjs path NAME       (prints the release's folder)
//        node scripts/postfix-releases.mjs list
// Where things are (environment):
//   POSTFIX_HISTORY         the source history: a git bundle or a clone
//                           (default: ../shared/postfix-src/postfix-history.bundle beside the repository)
//   POSTFIX_RELEASES_CACHE  the build cache (default: ~/.cache/postfix-lsp/postfix-releases)
// Build needs (Debian): build-essential m4 libdb-dev liblmdb-dev libpcre2-dev libpcre3-dev
// libssl-dev libsasl2-dev libicu-dev (.ci/install-apt.sh installs them).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The releases, oldest first: { name, ref, why }. */
export const RELEASES = JSON.parse(readFileSync(join(root, 'scripts/data/releases.json'), 'utf8')).releases;

export const cacheDir = () => process.env.POSTFIX_RELEASES_CACHE ?? join(homedir(), '.cache', 'postfix-lsp', 'postfix-releases');

/** The source history given, or undefined when this machine has none. */
export function historySource() {
  const given = process.env.POSTFIX_HISTORY ?? join(root, '..', 'shared', 'postfix-src', 'postfix-history.bundle');
  return existsSync(given) ? given : undefined;
}

/** A clone of the history in the cache (made once; a few seconds). */
export function historyClone() {
  const clone = join(cacheDir(), 'postfix-history');
  if (existsSync(join(clone, '.git'))) return clone;
  const source = historySource();
  if (!source) throw new Error(missingHistoryMessage());
  mkdirSync(cacheDir(), { recursive: true });
  const tmp = `${clone}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--no-checkout', source, tmp], { stdio: 'inherit' });
  renameSync(tmp, clone);
  return clone;
}

export function missingHistoryMessage() {
  return 'Postfix source history not found: set POSTFIX_HISTORY to the git bundle (postfix-history.bundle) or a clone of the official Postfix source mirror';
}

/** The commit a release's ref names. */
function commitOf(clone, ref) {
  return execFileSync('git', ['-C', clone, 'rev-parse', `${ref}^{commit}`], { encoding: 'utf8' }).trim();
}

/** What a release folder holds; a cached build of an older format is built again. */
const FORMAT = 2;

/** The folder of a built release: bin/postconf, bin/postmap, facts/ (build-time lists) and built.json. */
export function releaseDir(name) {
  return join(cacheDir(), name);
}

/** A release's built programs, or undefined when it is not built (or built from another commit). */
export function builtRelease(release) {
  const dir = releaseDir(release.name);
  const marker = join(dir, 'built.json');
  if (!existsSync(marker)) return undefined;
  const built = JSON.parse(readFileSync(marker, 'utf8'));
  if (built.ref !== release.ref || built.format !== FORMAT) return undefined;
  return {
    ...release, dir, commit: built.commit, postconf: join(dir, 'bin', 'postconf'), postmap: join(dir, 'bin', 'postmap'), facts: join(dir, 'facts'),
  };
}

/**
 * Makes sure the release is built, and returns its programs. Old releases need two
 * adjustments to build on a current system, neither of which changes what postconf
 * reports: a kernel release every 3.x makedefs knows (3.4 refuses Linux 5 and 6), and glibc's own
 * closefrom() (glibc 2.34 declares it differently from their fallback).
 */
export function buildRelease(release, log = console.error) {
  const done = builtRelease(release);
  if (done) return done;
  const clone = historyClone();
  const commit = commitOf(clone, release.ref);
  const dir = releaseDir(release.name);
  const work = `${dir}.build-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const started = Date.now();
  log(`building Postfix ${release.name} (${release.ref}) ...`);
  execFileSync('sh', ['-c', 'git -C "$1" archive "$2" postfix | tar -x -C "$3"', 'sh', clone, commit, work]);
  const src = join(work, 'postfix');
  const fakeBin = join(work, 'fakebin');
  mkdirSync(fakeBin);
  writeFileSync(join(fakeBin, 'uname'), '#!/bin/sh\ncase "$1" in -r) echo 4.19.0;; *) PATH=/usr/bin:/bin exec uname "$@";; esac\n');
  chmodSync(join(fakeBin, 'uname'), 0o755);
  const pcre2 = readFileSync(join(src, 'src/util/dict_pcre.c'), 'utf8').includes('pcre2');
  const ccargs = `-fcommon -DHAS_CLOSEFROM -DHAS_LMDB ${pcre2 ? '-DHAS_PCRE=2' : '-DHAS_PCRE'} -DUSE_TLS -DUSE_SASL_AUTH -DUSE_CYRUS_SASL -I/usr/include/sasl`;
  const env = { ...process.env, PATH: `${fakeBin}:${process.env.PATH}` };
  const make = (args, what) => {
    const r = spawnSync('make', args, { cwd: src, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n');
      throw new Error(`building Postfix ${release.name}: ${what} failed:\n${tail}\n(see the build needs at the top of scripts/postfix-releases.mjs)`);
    }
  };
  make(['makefiles', `CCARGS=${ccargs}`, 'AUXLIBS=-ldb -lssl -lcrypto -lsasl2', 'AUXLIBS_LMDB=-llmdb', `AUXLIBS_PCRE=${pcre2 ? '-lpcre2-8' : '-lpcre'}`], 'make makefiles');
  // postconf needs these libraries and one header of master's (not master itself, which
  // older releases cannot link with a current compiler); postmap is the table oracle.
  for (const part of ['util', 'global', 'dns', 'tls', 'xsasl']) make(['-C', `src/${part}`, `-j${Math.max(2, cores())}`, 'update'], `src/${part}`);
  copyFileSync(join(src, 'src/master/master_proto.h'), join(src, 'include/master_proto.h'));
  for (const part of ['postconf', 'postmap']) make(['-C', `src/${part}`, `-j${Math.max(2, cores())}`, 'update'], `src/${part}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const program of ['postconf', 'postmap']) {
    renameSync(join(src, 'bin', program), join(dir, 'bin', program));
  }
  // The attribute lists postconf was built with for legacy database clients (ldap:NAME, ...).
  mkdirSync(join(dir, 'facts'));
  for (const file of readdirSync(join(src, 'src/postconf')).filter((f) => /^pcf_\w+_suffixes\.h$/.test(f))) {
    copyFileSync(join(src, 'src/postconf', file), join(dir, 'facts', file));
  }
  writeFileSync(join(dir, 'built.json'), `${JSON.stringify({ name: release.name, ref: release.ref, commit, format: FORMAT, seconds: Math.round((Date.now() - started) / 1000) })}\n`);
  rmSync(work, { recursive: true, force: true });
  log(`built Postfix ${release.name} in ${Math.round((Date.now() - started) / 1000)} s`);
  return builtRelease(release);
}

function cores() {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || 2;
  } catch {
    return 2;
  }
}

/** The releases named (all when none), built. */
export function buildReleases(names = []) {
  const wanted = names.length ? RELEASES.filter((r) => names.includes(r.name)) : RELEASES;
  const unknown = names.filter((n) => !RELEASES.some((r) => r.name === n));
  if (unknown.length) throw new Error(`unknown release(s): ${unknown.join(', ')} (see scripts/data/releases.json)`);
  return wanted.map((r) => buildRelease(r));
}

function main() {
  const [command = 'list', ...rest] = process.argv.slice(2);
  const ifAvailable = rest.includes('--if-available');
  const names = rest.filter((a) => !a.startsWith('--'));
  if (command === 'list') {
    for (const r of RELEASES) console.log(`${r.name.padEnd(15)} ${builtRelease(r) ? 'built ' : 'absent'}  ${r.why}`);
  } else if (command === 'path') {
    const release = RELEASES.find((r) => r.name === names[0]);
    const built = release && builtRelease(release);
    if (!built) {
      console.error(`release ${names[0]} is not built`);
      process.exit(1);
    }
    console.log(built.dir);
  } else if (command === 'build') {
    const missing = RELEASES.filter((r) => (!names.length || names.includes(r.name)) && !builtRelease(r));
    if (missing.length && !historySource() && !existsSync(join(cacheDir(), 'postfix-history', '.git'))) {
      if (ifAvailable) {
        console.error(`postfix releases: ${missingHistoryMessage()}; ${missing.length} release(s) not built, their tests will be skipped`);
        return;
      }
      throw new Error(missingHistoryMessage());
    }
    const t0 = Date.now();
    buildReleases(names);
    console.error(`postfix releases: ${RELEASES.length - missing.length} cached, ${missing.length} built in ${Math.round((Date.now() - t0) / 1000)} s (${cacheDir()})`);
  } else {
    console.error('usage: postfix-releases.mjs build [NAME ...] [--if-available] | path NAME | list');
    process.exit(2);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
