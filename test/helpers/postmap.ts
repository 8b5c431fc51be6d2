/**
 * Each Postfix release's own postmap as an oracle for lookup tables: what it warns about
 * while building a table, and what `postmap -q` answers. The releases are those of
 * scripts/data/releases.json built by scripts/postfix-releases.mjs, plus the installed one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './lspClient';
import { Random } from './hostile';

export interface PostmapOracle {
  /** e.g. "3.9.14" or "installed". */
  label: string;
  /** [major, minor] of the release, for behaviour that changed (NUL-byte warnings from 3.9). */
  version: [number, number];
  postmap: string;
}

const cacheDir = (): string => process.env.POSTFIX_RELEASES_CACHE ?? path.join(os.homedir(), '.cache', 'postfix-lsp', 'postfix-releases');

/** Every postmap available: each built release, then /usr/sbin/postmap. */
export function postmapOracles(): PostmapOracle[] {
  const out: PostmapOracle[] = [];
  const listed: { name: string }[] = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'data', 'releases.json'), 'utf8')).releases;
  if (!process.env.POSTFIX_RELEASES_SKIP) {
    for (const { name } of listed) {
      const bin = path.join(cacheDir(), name, 'bin', 'postmap');
      if (existsSync(bin)) out.push({ label: name, version: versionOf(name), postmap: bin });
    }
  }
  if (existsSync('/usr/sbin/postmap')) {
    const r = spawnSync('/usr/sbin/postconf', ['-dh', 'mail_version'], { encoding: 'utf8' });
    const v = r.status === 0 ? r.stdout.trim() : '0.0';
    out.push({ label: `${v} (installed package)`, version: versionOf(v), postmap: '/usr/sbin/postmap' });
  }
  return out;
}

const versionOf = (name: string): [number, number] => {
  const m = /^(\d+)\.(\d+)/.exec(name);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};

export interface PostmapRun {
  /** Warnings as "code line" ("duplicate-key "key"" for duplicates, which postmap names by key). */
  warnings: string[];
  /** Lines of stderr none of the above explains. */
  other: string[];
  /** `key\tvalue` for each queried key postmap found, in query order. */
  answers: string[];
}

/**
 * Builds `TYPE:FILE` from `text` with `oracle`'s postmap in a scratch folder (main.cf:
 * `mainCf`), then asks `postmap -q -` for `keys`.
 */
export function runPostmap(oracle: PostmapOracle, { text, keys, type = 'hash', mainCf = '' }: { text: string; keys: readonly string[]; type?: string; mainCf?: string }): PostmapRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-postmap-'));
  try {
    mkdirSync(path.join(dir, 'cfg'));
    writeFileSync(path.join(dir, 'cfg', 'main.cf'), mainCf);
    writeFileSync(path.join(dir, 't'), text);
    // Postfix waits for a file written within the last second to settle (about 2 s a run).
    const past = new Date(Date.now() - 60_000);
    for (const f of ['cfg/main.cf', 't']) utimesSync(path.join(dir, f), past, past);
    const build = spawnSync(oracle.postmap, ['-c', 'cfg', `${type}:t`], { cwd: dir, encoding: 'utf8' });
    const query = spawnSync(oracle.postmap, ['-c', 'cfg', '-q', '-', `${type}:t`], { cwd: dir, encoding: 'utf8', input: keys.map((k) => `${k}\n`).join('') });
    const { warnings, other } = parseWarnings(build.stderr);
    if (build.status !== 0) other.push(`exit ${build.status}`);
    return { warnings, other, answers: query.stdout.split('\n').filter((l) => l !== '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseWarnings(stderr: string): { warnings: string[]; other: string[] } {
  const warnings: string[] = [];
  const other: string[] = [];
  for (const line of stderr.split('\n')) {
    if (!line) continue;
    let m: RegExpExecArray | null;
    if ((m = /^postmap: warning: t, line (\d+): unbalanced '"' in /.exec(line))) warnings.push(`unbalanced-quote ${m[1]}`);
    else if ((m = /^postmap: warning: t, line (\d+): expected format: key whitespace value/.exec(line))) warnings.push(`expected-format ${m[1]}`);
    else if ((m = /^postmap: warning: t, line (\d+): record is in "key: value" format/.exec(line))) warnings.push(`alias-format ${m[1]}`);
    else if ((m = /^postmap: warning: (?:t\.db|t\.lmdb|lmdb:t|t\.cdb|t): duplicate entry: "(.*)"$/.exec(line))) warnings.push(`duplicate-key "${m[1]}"`);
    else if (/^postmap: warning: t: logical line must not start with whitespace/.test(line)) warnings.push('leading-whitespace');
    else if ((m = /^postmap: warning: t, line (\d+)(?:-\d+)?: text after null byte may be ignored/.exec(line))) warnings.push(`nul-byte ${m[1]}`);
    else other.push(line);
  }
  return { warnings, other };
}

const KEYS = ['example.com', 'Example.COM', '.example.com', 'user@example.com', 'USER@example.com', '*', 'a', 'b', 'Root:', 'école', 'STRAßE', 'straße', '"a b"', '"x', 'k\\ y', 'q"u"o', '[10.0.0.1]'];
const VALUES = ['smtp:[mx.example.com]:25', 'relay:', ':[10.1.1.1]', 'OK', 'REJECT go away', 'x', 'error:5.1.1 gone', 'a\\', '"quoted value"'];
const GAPS = [' ', '\t', '   ', ' \t '];

/** A random table text: keys, values, comments, blank lines, continuations, duplicates, quotes, NUL bytes. */
export function randomTable(seed: number, lines = 30): string {
  const r = new Random(seed);
  const out: string[] = [];
  if (r.int(6) === 0) out.push(`${r.pick(GAPS)}${r.pick(KEYS)} ${r.pick(VALUES)}`);
  for (let i = 0; i < lines; i++) {
    switch (r.int(12)) {
      case 0: out.push(`#${r.pick(KEYS)} comment`); break;
      case 1: out.push(r.pick(['', '  ', '\t'])); break;
      case 2: out.push(`${r.pick(GAPS)}${r.pick(VALUES)}`); break; // continues the line before
      case 3: out.push(r.pick(KEYS)); break; // a key alone
      case 4: out.push(`${r.pick(KEYS)}${r.pick(GAPS)}`); break;
      case 5: out.push(`${r.pick(KEYS)}${r.pick(GAPS)}${r.pick(VALUES)}\0tail`); break;
      case 6: out.push(`${r.pick(KEYS)}${r.pick(GAPS)}${r.pick(VALUES)}\r`); break;
      default: out.push(`${r.pick(KEYS)}${r.pick(GAPS)}${r.pick(VALUES)}${r.pick(['', ' ', '\t'])}`);
    }
  }
  return out.join('\n') + (r.int(4) ? '\n' : '');
}

/** Keys to ask about: each table key, its case variants, and some that are in no table. */
export function queryKeys(keys: readonly string[]): string[] {
  const all = new Set<string>();
  for (const k of [...keys, ...KEYS, 'absent.example', 'EXAMPLE.com', 'école'.toUpperCase(), 'STRASSE']) {
    // postmap -q - reads a line per key, and prints "key<TAB>value": keys with white space or NUL cannot be told apart.
    if (/[\s\0]/.test(k) || !k) continue;
    all.add(k).add(k.toUpperCase()).add(k.toLowerCase());
  }
  return [...all];
}

export interface PatternRun {
  /** 1-based lines postmap warned about while reading the table. */
  lines: number[];
  /** stderr lines not of the table (a fatal error, ...). */
  other: string[];
  /** `key\tvalue` for each key found, in query order. */
  answers: string[];
}

/** Asks `postmap -q - TYPE:FILE` (regexp or pcre) for `keys`, with the warnings it gives while reading the table. */
export function runPatternPostmap(oracle: PostmapOracle, { text, keys, type }: { text: string; keys: readonly string[]; type: 'regexp' | 'pcre' }): PatternRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-postmap-'));
  try {
    mkdirSync(path.join(dir, 'cfg'));
    writeFileSync(path.join(dir, 'cfg', 'main.cf'), '');
    writeFileSync(path.join(dir, 't'), text);
    const past = new Date(Date.now() - 60_000);
    for (const f of ['cfg/main.cf', 't']) utimesSync(path.join(dir, f), past, past);
    const r = spawnSync(oracle.postmap, ['-c', 'cfg', '-q', '-', `${type}:t`], { cwd: dir, encoding: 'utf8', input: keys.map((k) => `${k}\n`).join('') });
    const lines = new Set<number>();
    const other: string[] = [];
    for (const line of r.stderr.split('\n')) {
      if (!line) continue;
      let m = new RegExp(`^postmap: warning: (?:${type} map|${type} file) t, line (\\d+): `).exec(line);
      if (m) lines.add(Number(m[1]));
      else if (/^postmap: warning: t: logical line must not start with whitespace/.test(line)) lines.add(0);
      else if ((m = /^postmap: warning: t, line (\d+)(?:-\d+)?: text after null byte/.exec(line))) lines.add(Number(m[1]));
      // Said with the line's own "bad replacement syntax" warning.
      else if (/^postmap: warning: (truncated macro reference|empty macro name): /.test(line)) continue;
      else other.push(line);
    }
    return { lines: [...lines].sort((a, b) => a - b), other, answers: r.stdout.split('\n').filter((l) => l !== '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const RULES = [
  '/^user@example\\.com$/ OK', '/example\\.(com|net)$/ relay:[mx.$1]', '/^(.*)@(.*)$/ $2 $1', '!/@/ REJECT no domain',
  '/\\.example\\.org$/i smtp:', '/^ROOT@/ DISCARD', '/^root@/i HOLD', '/[[:digit:]]+@/ FILTER num:', '/a|ab/ $0x', '/(a|ab)(c|bcd)/ $1-$2',
  '/x/ $3', '/(unclosed/ x', '/unclosed)/ x', '/[abc/ x', '/a/q x', '/a/ ${1', '/a/ $$literal', '/a/ ${name}', '!/(a)/ $1', '/no-repl/',
  'if /@example\\.com$/', 'endif', 'ENDIF extra', 'if !/^a/', 'garbage line', '/a/!/b/ both', '#/comment/ x', '  /indented/ x',
  '/\\<word\\>/ w', '/[\\.]/ dot-or-backslash', '/^.{2,3}$/ short', '/(a+)+$/ slow', '/./m multi', '/a/x basic',
];
const PCRE_RULES = ['/^(?:a|b)@/ ab', '/\\d+@/ digits', '/^user\\b/ u', '/(?<n>x)/ named', '/a++/ possessive', '/\\Aroot@/ A', '/x/U ungreedy', '/y/s dot', '/a/Z bad'];
export const PATTERN_KEYS = ['user@example.com', 'USER@EXAMPLE.COM', 'a@example.net', 'root@host', 'abc', 'abcd', 'nodomain', '123@x', 'b@a.example.org', 'word here', 'a.b', 'xyz', 'ab', 'a\\b', 'aaaa'];

/** A random regexp:/pcre: table from rule shapes Postfix accepts and rejects. */
export function randomPatternTable(seed: number, type: 'regexp' | 'pcre', lines = 14): string {
  const r = new Random(seed);
  const pool = type === 'pcre' ? [...RULES.filter((l) => !l.includes('!/b/')), ...PCRE_RULES] : RULES;
  return Array.from({ length: lines }, () => r.pick(pool)).join('\n') + '\n';
}
