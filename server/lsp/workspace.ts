/**
 * Which files make up a configuration, and their parsed contents. main.cf and master.cf in
 * the same folder are one configuration; an open document wins over the file on disk, and
 * a sibling that is not open is read from disk (cached by modification time).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigFiles, ConfigKind, PostfixLanguageService, SourceFile, kindOfPath, siblingPath } from '../core/languageService';

const LANGUAGE_KIND: Record<string, ConfigKind> = { 'postfix-main': 'main', 'postfix-master': 'master' };
/** Files larger than this are not read from disk as siblings (a config is far smaller). */
const MAX_SIBLING_BYTES = 64 * 1024 * 1024;

export class Workspace {
  private readonly parsed = new Map<string, SourceFile>();
  private readonly disk = new Map<string, { mtimeMs: number; size: number; file: SourceFile }>();

  constructor(private readonly service: PostfixLanguageService, private readonly openDocument: (uri: string) => TextDocument | undefined) {}

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
  }

  /** The configuration a document belongs to: itself plus its sibling (open or on disk). */
  filesFor(doc: TextDocument): ConfigFiles {
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
    return files;
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
