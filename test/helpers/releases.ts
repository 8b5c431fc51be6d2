/**
 * Every Postfix release the knowledge base covers, as an oracle: each release's own
 * postconf, built from Postfix's source history by scripts/postfix-releases.mjs (npm test
 * builds the missing ones first), plus the postconf of the installed Debian package.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RELEASES } from '../../server/core/kb/knowledgeBase';
import { ROOT } from './lspClient';
import { postconfAvailable, postconfVersion } from './postconf';

export interface Oracle {
  /** The knowledge base's name of the release, e.g. "3.7.11". */
  release: string;
  /** How tests name it: "3.7.11" or "3.7.11 (Debian package)". */
  label: string;
  postconf: string;
}

const cacheDir = (): string => process.env.POSTFIX_RELEASES_CACHE ?? path.join(os.homedir(), '.cache', 'postfix-lsp', 'postfix-releases');

interface ReleaseEntry { name: string; ref: string }
const LISTED: ReleaseEntry[] = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'data', 'releases.json'), 'utf8')).releases;

/** The built postconf of a release, when scripts/postfix-releases.mjs has built it. */
function builtPostconf(entry: ReleaseEntry): string | undefined {
  const dir = path.join(cacheDir(), entry.name);
  const marker = path.join(dir, 'built.json');
  if (!existsSync(marker)) return undefined;
  const built = JSON.parse(readFileSync(marker, 'utf8')) as { ref: string };
  return built.ref === entry.ref && existsSync(path.join(dir, 'bin', 'postconf')) ? path.join(dir, 'bin', 'postconf') : undefined;
}

/**
 * Why the release oracles cannot run here, or undefined when they all can. Missing builds
 * fail the tests (npm test builds them) unless POSTFIX_RELEASES_SKIP says to skip on purpose.
 */
export function releasesProblem(): string | undefined {
  if (process.env.POSTFIX_RELEASES_SKIP) return `POSTFIX_RELEASES_SKIP is set (${process.env.POSTFIX_RELEASES_SKIP})`;
  const missing = LISTED.filter((e) => !builtPostconf(e)).map((e) => e.name);
  if (missing.length) {
    throw new Error(`Postfix releases not built: ${missing.join(', ')}. Run node scripts/postfix-releases.mjs build (npm test does), or set POSTFIX_RELEASES_SKIP=1 to skip on purpose`);
  }
  return undefined;
}

/** Every oracle available: each built release, then the installed postconf. */
export function oracles(): Oracle[] {
  const out: Oracle[] = [];
  if (!process.env.POSTFIX_RELEASES_SKIP) {
    for (const entry of LISTED) {
      const postconf = builtPostconf(entry);
      if (postconf && RELEASES.includes(entry.name)) out.push({ release: entry.name, label: entry.name, postconf });
    }
  }
  if (postconfAvailable()) {
    const version = postconfVersion();
    out.push({ release: version, label: `${version} (installed package)`, postconf: 'postconf' });
  }
  return out;
}

export type WarningKind = 'unused' | 'undefined' | 'overriding' | 'deprecated' | 'removed';

export interface OracleWarning {
  kind: WarningKind;
  file: 'main' | 'master';
  name: string;
  /** For deprecated and removed names: what postconf says to do instead. */
  alternative?: string;
}

export interface OracleResult {
  warnings: OracleWarning[];
  fatal: string[];
  /** stderr lines none of the above explains (map client files postconf could not open are left out). */
  other: string[];
  status: number;
}

/** Writes main.cf and master.cf into `dir`, dated a minute ago. */
function writeConfiguration(dir: string, texts: { main?: string; master?: string }): void {
  const past = new Date(Date.now() - 60_000);
  for (const [file, text] of [['main.cf', texts.main], ['master.cf', texts.master]] as const) {
    if (text === undefined) continue;
    writeFileSync(path.join(dir, file), text);
    // postconf reads a file written within the last second twice (and warns twice).
    utimesSync(path.join(dir, file), past, past);
  }
}

/** `postconf -c DIR -n` of `oracle` on a copy of the main.cf/master.cf texts, its warnings sorted out. */
export function runOracle(oracle: Oracle, texts: { main?: string; master?: string }): OracleResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-oracle-'));
  try {
    writeConfiguration(dir, texts);
    const r = spawnSync(oracle.postconf, ['-c', dir, '-n'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return parseWarnings(r.stderr, r.status ?? -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `postconf -c DIR -x` of `oracle` on a copy of the texts: every parameter it knows with its
 * value in effect, expanded, as `name -> value` (postconf prints runs of blanks as one).
 */
export function runOracleValues(oracle: Oracle, texts: { main?: string; master?: string }, at?: string): Map<string, string> {
  // `at`: one folder for every run, so config_directory (the folder) is the same in all.
  const dir = at ?? mkdtempSync(path.join(os.tmpdir(), 'pf-oracle-'));
  if (at) {
    rmSync(at, { recursive: true, force: true });
    mkdirSync(at, { recursive: true });
  }
  try {
    writeConfiguration(dir, texts);
    const r = spawnSync(oracle.postconf, ['-c', dir, '-x'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const values = new Map<string, string>();
    for (const line of r.stdout.split('\n')) {
      const m = /^(\S+) =(?: (.*))?$/.exec(line);
      if (m) values.set(m[1], m[2] ?? '');
    }
    return values;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same, for a folder holding the files. */
export function runOracleOn(oracle: Oracle, folder: string): OracleResult {
  const read = (f: string): string | undefined => (existsSync(path.join(folder, f)) ? readFileSync(path.join(folder, f), 'utf8') : undefined);
  return runOracle(oracle, { main: read('main.cf'), master: read('master.cf') });
}

const FILE = /\/(main|master)\.cf(?:, line \d+)?: /;

function parseWarnings(stderr: string, status: number): OracleResult {
  const result: OracleResult = { warnings: [], fatal: [], other: [], status };
  for (const line of stderr.split('\n')) {
    if (!line.trim()) continue;
    const file = (FILE.exec(line)?.[1] ?? 'main') as 'main' | 'master';
    let m: RegExpExecArray | null;
    if ((m = /: unused parameter: ([^=]*)=/.exec(line))) result.warnings.push({ kind: 'unused', file, name: m[1] });
    else if ((m = /: undefined parameter: (.*)$/.exec(line))) result.warnings.push({ kind: 'undefined', file, name: m[1] });
    else if ((m = /: overriding earlier entry: ([^=]*)=/.exec(line))) result.warnings.push({ kind: 'overriding', file, name: m[1] });
    else if ((m = /support for parameter "([^"]+)" will be removed; instead, (.*)$/.exec(line))) result.warnings.push({ kind: 'deprecated', file, name: m[1], alternative: m[2] });
    else if ((m = /support for parameter (\S+) has been removed; instead, (.*)$/.exec(line))) result.warnings.push({ kind: 'removed', file, name: m[1], alternative: m[2] });
    else if (/: fatal: /.test(line)) result.fatal.push(line);
    else if (!/open "\w+" configuration/.test(line)) result.other.push(line);
  }
  return result;
}
