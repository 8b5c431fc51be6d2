/**
 * Turns the paths given on the command line into configurations: main.cf and master.cf of
 * one directory are checked together, as Postfix reads them together. A named file's
 * sibling is read for context (it defines services and names) but only reported on when it
 * was named too, or its directory was.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigFiles, ConfigKind, DEFAULT_SETTINGS, FileKind, PostfixLanguageService, kindOfPath } from '../core/languageService';
import { MapFiles } from '../lsp/mapFiles';

/** One configuration to check, and how to show its files' paths. */
export interface LintTarget {
  /** The directory, as the user wrote it (joined with file names for display). */
  dir: string;
  files: ConfigFiles;
  /** File kinds whose findings are reported. */
  report: Set<FileKind>;
  /** uri -> path as shown in the output. */
  displayPath: Map<string, string>;
}

/** A path that cannot be checked; reported as a usage error (exit 2). */
export class InputError extends Error {}

const NAMES: Record<ConfigKind, string> = { main: 'main.cf', master: 'master.cf' };

/** Groups the paths by directory and reads the files; throws InputError on bad input. */
export function loadTargets(service: PostfixLanguageService, paths: readonly string[]): LintTarget[] {
  const byDir = new Map<string, { dir: string; named: Map<ConfigKind, string>; whole: boolean }>();
  for (const p of paths) {
    if (!existsSync(p)) throw new InputError(`${p}: no such file or directory`);
    const isDir = statSync(p).isDirectory();
    const dir = isDir ? p : path.dirname(p);
    const key = path.resolve(dir);
    const group = byDir.get(key) ?? { dir, named: new Map(), whole: false };
    byDir.set(key, group);
    if (isDir) {
      group.whole = true;
      continue;
    }
    const kind = kindOfPath(p.replace(/\\/g, '/'));
    if (!kind) throw new InputError(`${p}: cannot tell whether this is main.cf or master.cf (name it main.cf[.suffix] or master.cf[.suffix])`);
    if (group.named.has(kind)) throw new InputError(`${p}: two ${NAMES[kind]} files from the same directory`);
    group.named.set(kind, p);
  }
  return [...byDir.values()].map((g) => buildTarget(service, g));
}

function buildTarget(service: PostfixLanguageService, { dir, named, whole }: { dir: string; named: Map<ConfigKind, string>; whole: boolean }): LintTarget {
  const target: LintTarget = { dir, files: {}, report: new Set(), displayPath: new Map() };
  for (const kind of ['main', 'master'] as const) {
    const explicit = named.get(kind);
    const name = explicit ?? siblingOf(dir, kind, named);
    if (!existsSync(name)) continue;
    const uri = pathToFileURL(path.resolve(name)).href;
    const text = readText(name);
    const file = service.parse(kind, uri, text);
    if (kind === 'main') target.files.main = file as ConfigFiles['main'];
    else target.files.master = file as ConfigFiles['master'];
    target.displayPath.set(uri, name);
    if (explicit || whole) target.report.add(kind);
  }
  if (!target.report.size) throw new InputError(`${dir}: no main.cf or master.cf in this directory`);
  addMaps(service, target);
  return target;
}

/**
 * The lookup tables the configuration names, read beside main.cf (else at their path), are
 * checked with it and reported when main.cf is.
 */
function addMaps(service: PostfixLanguageService, target: LintTarget): void {
  const references = service.mapReferences(target.files, DEFAULT_SETTINGS);
  if (!references.length) return;
  const { maps, status } = new MapFiles(service, () => undefined).load(references, path.resolve(target.dir));
  target.files = { ...target.files, maps, mapStatus: status };
  for (const file of maps.values()) {
    const local = fileURLToPath(file.uri);
    const inside = path.relative(path.resolve(target.dir), local);
    const shown = inside.startsWith('..') || path.isAbsolute(inside) ? local : path.join(target.dir, inside);
    target.displayPath.set(file.uri, shown);
  }
  if (target.report.has('main')) target.report.add('map');
}

/** The other file of the pair keeps a named file's suffix: main.cf.new <-> master.cf.new. */
function siblingOf(dir: string, kind: ConfigKind, named: Map<ConfigKind, string>): string {
  const other = named.get(kind === 'main' ? 'master' : 'main');
  const suffix = other ? /\.cf(\..*)?$/.exec(path.basename(other))?.[1] ?? '' : '';
  return path.join(dir, NAMES[kind] + suffix);
}

function readText(file: string): string {
  if (!statSync(file).isFile()) throw new InputError(`${file}: not a regular file`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
