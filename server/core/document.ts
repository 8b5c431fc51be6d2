/**
 * One parsed configuration file: its text, parse tree and line index, built once per
 * document version and shared by every rule and feature.
 */
import { LineIndex } from './lineIndex';
import { ChunkedText } from './chunkedText';
import { MainCf, parseMainCf } from './syntax/mainCf';
import { MasterCf, parseMasterCf } from './syntax/masterCf';
import { reparse } from './syntax/incremental';
import type { ConfigKind, FileKind } from './model/configuration';
import type { Place } from './findings';
import { MapFile, MapSyntax, TextChange, parseMapFile, updateMapFile } from './maps';
import type { MapStatus } from './maps/checks';

export interface SourceFile<T extends MainCf | MasterCf | MapFile = MainCf | MasterCf> {
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
  /**
   * The lookup tables the configuration names whose source text could be read, by the path
   * main.cf or master.cf writes (`/etc/postfix/transport` for `hash:/etc/postfix/transport`).
   * Filled by the host (the LSP workspace, postfix-lint): the core reads no files.
   */
  maps?: ReadonlyMap<string, SourceFile<MapFile>>;
  /** What the host found about the tables it tried to read, by the same paths (see `MapStatus`). */
  mapStatus?: ReadonlyMap<string, MapStatus>;
}

/** The parsed file a finding's place is in, if the configuration has it. */
export function fileOf(files: ConfigFiles, place: Pick<Place, 'file' | 'map'>): SourceFile<MainCf | MasterCf | MapFile> | undefined {
  if (place.file === 'map') return place.map === undefined ? undefined : files.maps?.get(place.map);
  return files[place.file];
}

/** Parses the source text of a lookup table read with `syntax` (indexed, regexp, pcre). */
export function parseMapSource(uri: string, text: string | ChunkedText, syntax: MapSyntax, version?: number): SourceFile<MapFile> {
  const chunked = typeof text === 'string' ? ChunkedText.from(text) : text;
  return mapSource(uri, version, chunked, parseMapFile(chunked, syntax));
}

/**
 * A table's source file. Its text stays in chunks (positions are found in them) and is
 * joined into one string only when a feature asks for `text`: an edit of a large table
 * then makes no new copy of the whole text.
 */
function mapSource(uri: string, version: number | undefined, chunked: ChunkedText, tree: MapFile): SourceFile<MapFile> {
  return {
    kind: 'map', uri, version, tree, lines: new LineIndex(chunked),
    get text(): string {
      return chunked.toString();
    },
  };
}

export function parseSource(kind: 'main', uri: string, text: string, version?: number): SourceFile<MainCf>;
export function parseSource(kind: 'master', uri: string, text: string, version?: number): SourceFile<MasterCf>;
export function parseSource(kind: ConfigKind, uri: string, text: string, version?: number): SourceFile;
export function parseSource(kind: ConfigKind, uri: string, text: string, version?: number): SourceFile {
  const tree = kind === 'main' ? parseMainCf(text) : parseMasterCf(text);
  return { kind, uri, version, text, tree, lines: new LineIndex(text) };
}

/**
 * The next version of an open document: only the edited region is parsed again. `old`
 * hands its tree over and must not be used afterwards.
 */
export function updateSource<T extends MainCf | MasterCf | MapFile>(old: SourceFile<T>, text: string | ChunkedText, version?: number, change?: TextChange, uri?: string): SourceFile<T>;
export function updateSource(old: SourceFile<MainCf | MasterCf | MapFile>, input: string | ChunkedText, version?: number, change?: TextChange, uri = old.uri): SourceFile<MainCf | MasterCf | MapFile> {
  if (old.kind === 'map') {
    const chunked = typeof input === 'string' ? ChunkedText.from(input) : input;
    return mapSource(uri, version, chunked, updateMapFile(old.tree as MapFile, chunked, change));
  }
  const text = input.toString();
  const tree = old.kind === 'main' ? reparse(old.tree as MainCf, text, parseMainCf) : reparse(old.tree as MasterCf, text, parseMasterCf);
  return { kind: old.kind, uri, version, text, tree, lines: new LineIndex(text) };
}

/** Which kind of file a path is, from its name: main.cf[.x] or master.cf[.x]. */
export function kindOfPath(path: string): ConfigKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^main\.cf(\..*)?$/.test(base)) return 'main';
  if (/^master\.cf(\..*)?$/.test(base)) return 'master';
  return undefined;
}

/** The path of the other file of the pair: main.cf <-> master.cf (suffixes kept). */
export function siblingPath(path: string, kind: ConfigKind): string | undefined {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const m = /^(main|master)\.cf(\..*)?$/.exec(base);
  if (!m) return undefined;
  return `${dir}${kind === 'main' ? 'master' : 'main'}.cf${m[2] ?? ''}`;
}
