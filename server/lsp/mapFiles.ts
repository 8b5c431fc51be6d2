/**
 * Reads the lookup tables a configuration names into `ConfigFiles.maps`: the open document
 * when there is one, else the file on disk (cached by modification time and size). A path
 * is looked for beside main.cf first (a configuration kept in a repository names
 * /etc/postfix/transport, and its copy is beside main.cf), then where it says. Files that
 * cannot be checked get a `MapStatus` saying why; nothing here writes to a file.
 */
import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lastEdit, textOf } from './documents';
import { MapFile, MapReference, MapStatus, MapSyntax, PostfixLanguageService, SourceFile } from '../core/languageService';

/** Larger sources are not read (a 1,000,000-line map is about 40 MB). */
export const MAX_MAP_BYTES = 256 * 1024 * 1024;
/** Where the configurations' paths usually point (config_directory's default). */
const CONFIG_DIRECTORY = '/etc/postfix/';
/** How much of a file is looked at to tell a database from its source text. */
const SNIFF_BYTES = 8192;

/** The database files postmap builds from a source, by table type. */
const DATABASE_SUFFIXES: Record<string, string[]> = {
  hash: ['.db'], btree: ['.db'], lmdb: ['.lmdb'], cdb: ['.cdb'], dbm: ['.pag', '.dir'], sdbm: ['.pag', '.dir'],
};

export interface LoadedMaps {
  maps: Map<string, SourceFile<MapFile>>;
  status: Map<string, MapStatus>;
}

/** What `load` found for one table. */
interface Answer {
  file?: SourceFile<MapFile>;
  status?: MapStatus;
}

/** What the last load for a configuration directory found. */
interface LastLoad {
  references: readonly MapReference[];
  /** The first reference to each table (a table named twice is read once, as its first reference says). */
  sources: MapReference[];
  result: LoadedMaps;
  /** When the first of the tables found missing is to be asked about again. */
  missingUntil: number;
  /** MapFiles.found when the answers were given. */
  found: number;
}

/**
 * A table neither beside main.cf nor at its path, found so at `at`. Its message is worded
 * when asked for: a configuration kept without its tables can name 15,000 of them.
 */
class MissingTable implements MapStatus {
  constructor(readonly path: string, readonly at: number) {}

  get missing(): true {
    return true;
  }

  get unreadable(): string {
    return `there is no ${nodePath.basename(this.path)} beside main.cf, and ${this.path} does not exist on this machine`;
  }
}

/** A string of its own (V8 makes a substring a view that keeps its whole parent alive). */
const ownCopy = (text: string): string => (' ' + text).slice(1);

function firstOfEachPath(references: readonly MapReference[]): MapReference[] {
  const seen = new Set<string>();
  return references.filter((r) => !seen.has(r.path) && !!seen.add(r.path));
}

/** The same tables, read the same way, in the same order. */
function sameTables(a: readonly MapReference[], b: readonly MapReference[]): boolean {
  return a.length === b.length && a.every((r, i) => r.path === b[i].path && r.syntax === b[i].syntax && r.type === b[i].type);
}

function sameStatus(a: MapStatus | undefined, b: MapStatus | undefined): boolean {
  if (a === b) return true;
  if (a instanceof MissingTable && b instanceof MissingTable) return a.path === b.path;
  return !!a && !!b && a.unreadable === b.unreadable && a.missing === b.missing && a.staleDatabase === b.staleDatabase;
}

/** How long a table found missing is believed missing without asking the file system again. */
const MISSING_FOR_MS = 1000;

export class MapFiles {
  private readonly disk = new Map<string, { mtimeMs: number; size: number; file: SourceFile<MapFile> }>();
  /**
   * Tables found missing, by directory and path, and when: a configuration naming thousands
   * of tables that are not on this machine cost four system calls each on every request
   * (0.4 s per hover at 15,000); within a second the answer is taken as it was.
   */
  private readonly missing = new Map<string, Map<string, MissingTable>>();
  /** The last load for each configuration directory (see load). */
  private readonly lastLoad = new Map<string, LastLoad>();
  /** Counts the tables no longer believed missing (a load that relied on one being missing asks again). */
  private found = 0;
  private readonly open = new Map<string, SourceFile<MapFile>>();

  constructor(private readonly service: PostfixLanguageService, private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  /**
   * The file on disk that `path` (as main.cf writes it) is read from, for a configuration in
   * `configDir`: below /etc/postfix/, the same place below `configDir` (/etc/postfix/maps/x
   * is maps/x); elsewhere, the file of the same name beside main.cf; else `path` itself.
   */
  resolve(path: string, configDir: string, absent?: AbsentDirectories): string {
    if (!nodePath.isAbsolute(path)) return nodePath.join(configDir, path);
    const below = path.startsWith(CONFIG_DIRECTORY) ? path.slice(CONFIG_DIRECTORY.length) : nodePath.basename(path);
    const local = nodePath.join(configDir, below);
    return !absent?.below(local) && present(local) ? local : path;
  }

  /**
   * Reads every table of `references` for a configuration whose main.cf is in `configDir`.
   * Every table is asked about on every call (one found missing: once its MISSING_FOR_MS
   * are over); when each gives the answer it gave last time for the same tables (the usual
   * case between requests, and between versions of main.cf), the same maps are handed
   * back, so the language service reuses the configuration built with them.
   */
  load(references: readonly MapReference[], configDir: string): LoadedMaps {
    const last = this.lastLoad.get(configDir);
    const sources = last?.references === references ? last.sources : firstOfEachPath(references);
    // A new version of main.cf usually names the same tables: what was found for them holds as for the same references.
    const kept = last && (last.sources === sources || sameTables(last.sources, sources)) ? last : undefined;
    const absent = new AbsentDirectories();
    const now = Date.now();
    // While every table found missing is still believed missing (MISSING_FOR_MS), only the
    // others are asked about: 15,000 missing tables are then no work per request.
    const stillMissing = !!kept && now < kept.missingUntil && kept.found === this.found;
    const answers = sources.map((r): Answer => {
      const status = stillMissing ? kept.result.status.get(r.path) : undefined;
      return status instanceof MissingTable ? { status } : this.loadOne(r, configDir, absent, now);
    });
    let missingUntil = Infinity;
    for (const { status } of answers) if (status instanceof MissingTable) missingUntil = Math.min(missingUntil, status.at + MISSING_FOR_MS);
    const same = kept && sources.every((r, i) => kept.result.maps.get(r.path) === answers[i].file && sameStatus(kept.result.status.get(r.path), answers[i].status));
    if (kept && same) {
      Object.assign(kept, { references, sources }, stillMissing ? {} : { missingUntil, found: this.found });
      return kept.result;
    }
    // Keyed by copies of the paths: the maps can outlive the version of main.cf a path is a slice of.
    const maps = new Map<string, SourceFile<MapFile>>();
    const status = new Map<string, MapStatus>();
    sources.forEach((r, i) => {
      const answer = answers[i];
      const path = answer.status instanceof MissingTable ? answer.status.path : ownCopy(r.path);
      if (answer.file) maps.set(path, answer.file);
      if (answer.status) status.set(path, answer.status);
    });
    const result = { maps, status };
    this.lastLoad.set(configDir, { references, sources, result, missingUntil, found: this.found });
    return result;
  }

  /** The table of one reference: its tree, or why it cannot be read, and whether its database is stale. */
  private loadOne(r: MapReference, configDir: string, absent: AbsentDirectories, now: number): Answer {
    let missingHere = this.missing.get(configDir);
    if (!missingHere) this.missing.set(configDir, (missingHere = new Map()));
    const known = missingHere.get(r.path);
    if (known && now - known.at < MISSING_FOR_MS) return { status: known };
    const local = this.resolve(r.path, configDir, absent);
    const read = this.read(local, r.syntax, absent);
    if ('why' in read) {
      // Not there, or a directory (`indexed = hash:$config_directory` is a prefix, not a table).
      const missing = (absent.below(local) || !present(local) || isDirectory(local)) && local === r.path && nodePath.isAbsolute(r.path);
      if (missing) {
        // Kept across versions: its own copy of the path, which is a slice of one version of main.cf.
        const path = known?.path ?? ownCopy(r.path);
        const status = new MissingTable(path, Date.now());
        missingHere.set(path, status);
        return { status };
      }
      if (missingHere.delete(r.path)) this.found++;
      return { status: { unreadable: read.why } };
    }
    if (missingHere.delete(r.path)) this.found++;
    const stale = staleDatabase(local, r.type);
    return stale ? { file: read.file, status: { staleDatabase: stale } } : { file: read.file };
  }

  /** An open document's tree, built once per version (edits parse the table again). */
  sourceOfOpen(doc: TextDocument, syntax: MapSyntax): SourceFile<MapFile> {
    const cached = this.open.get(doc.uri);
    if (cached && cached.version === doc.version && cached.tree.syntax === syntax) return cached;
    const text = textOf(doc);
    // Opened as it is on disk (the usual case: main.cf's diagnostics read it first): the
    // tree read from disk is taken over (an edit's worth of difference is re-read, see
    // updateMapFile), and not kept twice. Reading a 1,000,000-line table again would cost
    // half a second and, for a while, a second copy of its text.
    const path = cached ? undefined : filePathOf(doc.uri);
    const onDisk = path ? this.disk.get(path) : undefined;
    if (path && onDisk) this.disk.delete(path);
    // The document's last change, when it made this version from the cached one.
    const edit = cached ? lastEdit(doc) : undefined;
    const change = edit && edit.fromVersion === cached?.version ? edit : undefined;
    const file = cached && cached.tree.syntax === syntax
      ? this.service.update(cached, text, doc.version, change && { start: change.start, oldEnd: change.oldEnd, newEnd: change.newEnd })
      : onDisk && onDisk.file.tree.syntax === syntax
        ? this.service.update(onDisk.file, text, doc.version, undefined, doc.uri)
        : this.service.parseMap(doc.uri, text, syntax, doc.version);
    this.open.set(doc.uri, file);
    return file;
  }

  forget(uri: string): void {
    this.open.delete(uri);
  }

  private read(path: string, syntax: MapSyntax, absent?: AbsentDirectories): { file: SourceFile<MapFile> } | { why: string } {
    const uri = pathToFileURL(path).href;
    const doc = this.openDocument(uri);
    if (doc) return { file: this.sourceOfOpen(doc, syntax) };
    if (absent?.below(path)) return { why: describeError({ code: 'ENOENT' } as NodeJS.ErrnoException, path) };
    let stat;
    try {
      realpathSync(path); // ELOOP for a symlink loop, before anything is opened
      stat = statSync(path);
    } catch (e) {
      return { why: describeError(e as NodeJS.ErrnoException, path) };
    }
    if (!stat.isFile()) return { why: `${path} is not a regular file` };
    if (stat.size > MAX_MAP_BYTES) return { why: `${path} is larger than ${MAX_MAP_BYTES / 1024 / 1024} MB` };
    const cached = this.disk.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && cached.file.tree.syntax === syntax) return { file: cached.file };
    let text: string;
    try {
      const buffer = readWhole(path, stat.size);
      if (looksBinary(buffer)) return { why: `${path} is a binary file (a database, not the text postmap builds it from)` };
      text = buffer.toString('utf8');
    } catch (e) {
      return { why: describeError(e as NodeJS.ErrnoException, path) };
    }
    const file = this.service.parseMap(uri, text, syntax);
    this.disk.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, file });
    return { file };
  }
}

/**
 * The directories one `load` found absent: nothing below one exists, so the tables there are
 * known missing without asking about each (a configuration can name 15,000 tables in a
 * directory that is not on this machine: four system calls each, on every request, were
 * most of a check's time). Made per load, so a directory created since is seen at once.
 */
export class AbsentDirectories {
  private readonly known = new Map<string, boolean>();

  /** Whether the directory `path` is in does not exist (then neither does `path`). */
  below(path: string): boolean {
    const dir = nodePath.dirname(path);
    let absent = this.known.get(dir);
    if (absent === undefined) {
      try {
        statSync(dir);
        absent = false;
      } catch (e) {
        // Only "no such file": a directory that cannot be searched, or a file in the way, says so when its table is read.
        absent = (e as NodeJS.ErrnoException).code === 'ENOENT';
      }
      this.known.set(dir, absent);
    }
    return absent;
  }
}

/** The uri's file path, or undefined for a uri that is not a file. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri.split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Whether there is anything at `path` (a broken or looping symbolic link counts: reading it says what is wrong). */
const present = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

function readWhole(path: string, size: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buffer, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return buffer.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** A database (Berkeley DB, LMDB, CDB) has many NUL bytes near its start; a map's text has none or a stray one. */
export function looksBinary(buffer: Buffer): boolean {
  const head = buffer.subarray(0, SNIFF_BYTES);
  let nul = 0;
  for (const b of head) if (b === 0) nul++;
  return nul > 8 && nul * 32 > head.length;
}

function describeError(e: NodeJS.ErrnoException, path: string): string {
  switch (e.code) {
    case 'ENOENT': return `${path} does not exist`;
    case 'ELOOP': return `${path} is a symbolic link loop`;
    case 'EACCES': return `${path} cannot be read (permission denied)`;
    default: return `${path} cannot be read (${e.code ?? e.message})`;
  }
}

/** The database beside `source` when it is older than the source: postmap was not run after the last change. */
function staleDatabase(source: string, type: string): string | undefined {
  const suffixes = DATABASE_SUFFIXES[type];
  if (!suffixes) return undefined;
  try {
    const sourceTime = statSync(source).mtimeMs;
    const database = source + suffixes[0];
    const dbTime = statSync(database).mtimeMs;
    return dbTime < sourceTime ? database : undefined;
  } catch {
    return undefined;
  }
}
