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

/** How long a table found missing is believed missing without asking the file system again. */
const MISSING_FOR_MS = 1000;

export class MapFiles {
  private readonly disk = new Map<string, { mtimeMs: number; size: number; file: SourceFile<MapFile> }>();
  /**
   * Tables found missing, by directory and path, and when: a configuration naming thousands
   * of tables that are not on this machine cost four system calls each on every request
   * (0.4 s per hover at 15,000); within a second the answer is taken as it was.
   */
  private readonly missing = new Map<string, { at: number; status: MapStatus }>();
  private readonly open = new Map<string, SourceFile<MapFile>>();

  constructor(private readonly service: PostfixLanguageService, private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  /**
   * The file on disk that `path` (as main.cf writes it) is read from, for a configuration in
   * `configDir`: below /etc/postfix/, the same place below `configDir` (/etc/postfix/maps/x
   * is maps/x); elsewhere, the file of the same name beside main.cf; else `path` itself.
   */
  resolve(path: string, configDir: string): string {
    if (!nodePath.isAbsolute(path)) return nodePath.join(configDir, path);
    const below = path.startsWith(CONFIG_DIRECTORY) ? path.slice(CONFIG_DIRECTORY.length) : nodePath.basename(path);
    const local = nodePath.join(configDir, below);
    return present(local) ? local : path;
  }

  /** Reads every table of `references` for a configuration whose main.cf is in `configDir`. */
  load(references: readonly MapReference[], configDir: string): LoadedMaps {
    const maps = new Map<string, SourceFile<MapFile>>();
    const status = new Map<string, MapStatus>();
    for (const r of references) {
      if (maps.has(r.path) || status.has(r.path)) continue;
      const missingKey = `${configDir}\0${r.path}`;
      const known = this.missing.get(missingKey);
      if (known && Date.now() - known.at < MISSING_FOR_MS) {
        status.set(r.path, known.status);
        continue;
      }
      const local = this.resolve(r.path, configDir);
      const read = this.read(local, r.syntax);
      if ('why' in read) {
        // Not there, or a directory (`indexed = hash:$config_directory` is a prefix, not a table).
        const missing = (!present(local) || isDirectory(local)) && local === r.path && nodePath.isAbsolute(r.path);
        const why = missing ? `there is no ${nodePath.basename(r.path)} beside main.cf, and ${r.path} does not exist on this machine` : read.why;
        const unreadable: MapStatus = { unreadable: why, ...(missing ? { missing } : {}) };
        status.set(r.path, unreadable);
        if (missing) this.missing.set(missingKey, { at: Date.now(), status: unreadable });
        else this.missing.delete(missingKey);
        continue;
      }
      maps.set(r.path, read.file);
      const stale = staleDatabase(local, r.type);
      if (stale) status.set(r.path, { staleDatabase: stale });
    }
    return { maps, status };
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

  private read(path: string, syntax: MapSyntax): { file: SourceFile<MapFile> } | { why: string } {
    const uri = pathToFileURL(path).href;
    const doc = this.openDocument(uri);
    if (doc) return { file: this.sourceOfOpen(doc, syntax) };
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
