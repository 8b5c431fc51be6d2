/**
 * One parsed configuration file: its text, parse tree and line index, built once per
 * document version and shared by every rule and feature.
 */
import { LineIndex } from './lineIndex';
import { MainCf, parseMainCf } from './syntax/mainCf';
import { MasterCf, parseMasterCf } from './syntax/masterCf';
import { reparse } from './syntax/incremental';
import type { FileKind } from './model/configuration';

export interface SourceFile<T extends MainCf | MasterCf = MainCf | MasterCf> {
  kind: FileKind;
  uri: string;
  /** Document version for open documents; undefined for files read from disk. */
  version?: number;
  text: string;
  tree: T;
  lines: LineIndex;
}

/** The files of one configuration: a main.cf and a master.cf read together (either may be absent). */
export interface ConfigFiles {
  main?: SourceFile<MainCf>;
  master?: SourceFile<MasterCf>;
}

export function parseSource(kind: 'main', uri: string, text: string, version?: number): SourceFile<MainCf>;
export function parseSource(kind: 'master', uri: string, text: string, version?: number): SourceFile<MasterCf>;
export function parseSource(kind: FileKind, uri: string, text: string, version?: number): SourceFile;
export function parseSource(kind: FileKind, uri: string, text: string, version?: number): SourceFile {
  const tree = kind === 'main' ? parseMainCf(text) : parseMasterCf(text);
  return { kind, uri, version, text, tree, lines: new LineIndex(text) };
}

/**
 * The next version of an open document: only the edited region is parsed again. `old`
 * hands its tree over and must not be used afterwards.
 */
export function updateSource(old: SourceFile, text: string, version?: number): SourceFile {
  const tree = old.kind === 'main' ? reparse(old.tree as MainCf, text, parseMainCf) : reparse(old.tree as MasterCf, text, parseMasterCf);
  return { kind: old.kind, uri: old.uri, version, text, tree, lines: new LineIndex(text) };
}

/** Which kind of file a path is, from its name: main.cf[.x] or master.cf[.x]. */
export function kindOfPath(path: string): FileKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^main\.cf(\..*)?$/.test(base)) return 'main';
  if (/^master\.cf(\..*)?$/.test(base)) return 'master';
  return undefined;
}

/** The path of the other file of the pair: main.cf <-> master.cf (suffixes kept). */
export function siblingPath(path: string, kind: FileKind): string | undefined {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const m = /^(main|master)\.cf(\..*)?$/.exec(base);
  if (!m) return undefined;
  return `${dir}${kind === 'main' ? 'master' : 'main'}.cf${m[2] ?? ''}`;
}
