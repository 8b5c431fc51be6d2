/**
 * Which files make up a configuration, and their parsed contents. main.cf and master.cf in
 * the same folder are one configuration; an open document wins over the file on disk, and
 * a sibling that is not open is read from disk (cached by modification time).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalysisSettings, ConfigFiles, ConfigKind, DEFAULT_SETTINGS, MapFile, MapReference, PostfixLanguageService, SourceFile, kindOfPath, mapSyntaxOfPath, siblingPath,
} from '../core/languageService';
import { MapFiles, filePathOf } from './mapFiles';
import * as nodePath from 'node:path';

const LANGUAGE_KIND: Record<string, ConfigKind> = { 'postfix-main': 'main', 'postfix-master': 'master' };
/** Files larger than this are not read from disk as siblings (a config is far smaller). */
const MAX_SIBLING_BYTES = 64 * 1024 * 1024;

export class Workspace {
  private readonly parsed = new Map<string, SourceFile>();
  private readonly disk = new Map<string, { mtimeMs: number; size: number; file: SourceFile }>();

  private readonly mapFiles: MapFiles;
  /**
   * The tables each main.cf version names (with its master.cf version and the release
   * settings): every request and every diagnostics run asks, and working them out means a
   * Configuration of a possibly 100,000-line main.cf and a scan of its entries.
   */
  private readonly references = new WeakMap<SourceFile, { master?: SourceFile; version?: string; references: MapReference[] }[]>();

  constructor(
    private readonly service: PostfixLanguageService,
    private readonly openDocument: (uri: string) => TextDocument | undefined,
    /** The settings the tables' references are worked out with (the release decides defaults such as $config_directory). */
    private readonly settingsOf: () => AnalysisSettings = () => DEFAULT_SETTINGS,
  ) {
    this.mapFiles = new MapFiles(service, openDocument);
  }

  /** Whether a document is a lookup table: by its language, a usual table name, or because the main.cf beside it names it. */
  isMap(doc: TextDocument): boolean {
    if (doc.languageId === 'postfix-map') return true;
    if (LANGUAGE_KIND[doc.languageId] || this.kindOf(doc.uri)) return false;
    if (mapSyntaxOfPath(doc.uri.split(/[?#]/)[0]) !== undefined) return true;
    const path = filePathOf(doc.uri);
    if (!path) return false;
    const dir = nodePath.dirname(path);
    const mainUri = pathToFileURL(nodePath.join(dir, 'main.cf')).href;
    const mainDoc = this.openDocument(mainUri);
    const main = mainDoc ? this.sourceOf(mainDoc) : this.readFromDisk(mainUri, 'main');
    if (!main || main.kind !== 'main') return false;
    const references = this.mapReferences({ main: main as ConfigFiles['main'] });
    return references.some((r) => this.mapFiles.resolve(r.path, dir) === path);
  }

  /**
   * The parsed form of an open lookup table: as `files` (its configuration) has it, read
   * with the syntax main.cf names it with; else regexp:/pcre: by its name, else key/value lines.
   */
  mapSourceOf(doc: TextDocument, files?: ConfigFiles): SourceFile<MapFile> {
    for (const file of files?.maps?.values() ?? []) if (file.uri === doc.uri) return file;
    return this.mapFiles.sourceOfOpen(doc, mapSyntaxOfPath(doc.uri.split(/[?#]/)[0]) ?? 'indexed');
  }

  /**
   * The configuration an open lookup table belongs to: main.cf and master.cf beside it
   * (open or on disk) and every table they name, this one among them (by the path main.cf
   * names it with). A table no main.cf beside it names is checked alone, under its own path.
   */
  filesForMap(doc: TextDocument): ConfigFiles {
    const path = filePathOf(doc.uri);
    const dir = path ? nodePath.dirname(path) : undefined;
    const mainUri = dir ? pathToFileURL(nodePath.join(dir, 'main.cf')).href : undefined;
    const mainDoc = mainUri ? this.openDocument(mainUri) : undefined;
    const main = mainDoc ? this.sourceOf(mainDoc) : mainUri ? this.readFromDisk(mainUri, 'main') : undefined;
    const files = main && main.kind === 'main' ? this.pairOf(main, mainUri!) : {};
    const maps = new Map(files.maps ?? []);
    const self = [...maps.entries()].find(([, f]) => f.uri === doc.uri);
    const syntax = self?.[1].tree.syntax;
    const mine = this.mapFiles.sourceOfOpen(doc, syntax ?? mapSyntaxOfPath(doc.uri.split(/[?#]/)[0]) ?? 'indexed');
    maps.set(self?.[0] ?? path ?? doc.uri, mine);
    return { ...files, maps };
  }

  /** main.cf (parsed) with its sibling and the tables they name. */
  private pairOf(main: SourceFile, mainUri: string): ConfigFiles {
    const files: ConfigFiles = { main: main as ConfigFiles['main'] };
    const siblingUri = siblingPath(mainUri.split(/[?#]/)[0], 'main');
    if (siblingUri) {
      const open = this.openDocument(siblingUri);
      const other = open ? this.sourceOf(open) : this.readFromDisk(siblingUri, 'master');
      if (other && other.kind === 'master') files.master = other as ConfigFiles['master'];
    }
    return this.withMaps(files, mainUri);
  }

  /** Adds the tables the configuration names, read beside its main.cf. */
  private withMaps(files: ConfigFiles, configUri: string): ConfigFiles {
    const path = filePathOf(configUri);
    if (!path) return files;
    const references = this.mapReferences(files);
    if (!references.length) return files;
    const { maps, status } = this.mapFiles.load(references, nodePath.dirname(path));
    return { ...files, maps, mapStatus: status };
  }

  /** The tables `files` name, kept per main.cf and master.cf version (see `references`). */
  private mapReferences(files: ConfigFiles): MapReference[] {
    const settings = this.settingsOf();
    const owner = files.main ?? files.master;
    if (!owner) return this.service.mapReferences(files, settings);
    const master = files.main ? files.master : undefined;
    const kept = this.references.get(owner) ?? [];
    const hit = kept.find((k) => k.master === master && k.version === settings.version);
    if (hit) return hit.references;
    const references = this.service.mapReferences(files, settings);
    this.references.set(owner, [{ master, version: settings.version, references }, ...kept.slice(0, 2)]);
    return references;
  }

  /** main or master, from the language id or else the file name. */
  kindOf(uri: string, languageId?: string): ConfigKind | undefined {
    return (languageId && LANGUAGE_KIND[languageId]) || kindOfPath(uri.split(/[?#]/)[0]);
  }

  /** The parsed form of an open document, built once per version. */
  sourceOf(doc: TextDocument): SourceFile | undefined {
    const kind = this.kindOf(doc.uri, doc.languageId);
    if (!kind) return undefined;
    const cached = this.parsed.get(doc.uri);
    if (cached && cached.version === doc.version && cached.kind === kind) return cached;
    // The open document wins over the file on disk: a tree read from disk before it was
    // opened (as a sibling) is not needed until it is closed, and is read again then.
    const onDisk = this.disk.get(doc.uri)?.file;
    this.disk.delete(doc.uri);
    const text = doc.getText();
    let file: SourceFile;
    // A new version of a document we parsed before: re-read only what changed.
    if (cached && cached.kind === kind) file = this.service.update(cached, text, doc.version);
    // Opened as it is on disk (the usual case after opening its sibling): the tree read
    // from disk, and everything kept for it, serves. Parsing a 100,000-line main.cf again
    // would cost a second of CPU and, for a while, twice the memory.
    else if (onDisk && onDisk.kind === kind && onDisk.text === text) file = { ...onDisk, version: doc.version };
    else file = this.service.parse(kind, doc.uri, text, doc.version);
    this.parsed.set(doc.uri, file);
    return file;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
    this.mapFiles.forget(uri);
  }

  /** The configuration a document belongs to: itself plus its sibling (open or on disk). */
  filesFor(doc: TextDocument): ConfigFiles {
    if (this.isMap(doc)) return this.filesForMap(doc);
    const self = this.sourceOf(doc);
    if (!self) return {};
    const files: ConfigFiles = {};
    setFile(files, self);
    const siblingUri = siblingPath(doc.uri.split(/[?#]/)[0], self.kind as ConfigKind);
    if (siblingUri) {
      const otherKind: ConfigKind = self.kind === 'main' ? 'master' : 'main';
      const open = this.openDocument(siblingUri);
      const other = open ? this.sourceOf(open) : this.readFromDisk(siblingUri, otherKind);
      if (other && other.kind === otherKind) setFile(files, other);
    }
    return this.withMaps(files, doc.uri);
  }

  /** The uri of the sibling file when it is open, exists on disk, or could. */
  siblingUri(uri: string, kind: ConfigKind): string | undefined {
    return siblingPath(uri.split(/[?#]/)[0], kind);
  }

  private readFromDisk(uri: string, kind: ConfigKind): SourceFile | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let path: string;
    try {
      path = fileURLToPath(uri);
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_SIBLING_BYTES) return undefined;
      const cached = this.disk.get(uri);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
      const file = this.service.parse(kind, uri, readFileSync(path, 'utf8'));
      this.disk.set(uri, { mtimeMs: stat.mtimeMs, size: stat.size, file });
      return file;
    } catch {
      return undefined;
    }
  }
}

function setFile(files: ConfigFiles, file: SourceFile): void {
  if (file.kind === 'main') files.main = file as ConfigFiles['main'];
  else files.master = file as ConfigFiles['master'];
}
