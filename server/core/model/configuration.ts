/**
 * The configuration as Postfix sees it: one main.cf and one master.cf read together.
 * Built once per pair of document versions and shared by every rule and feature; the
 * derived indexes are computed on first use.
 */
import { MainCf, MainEntry, ValueRef, ValueText, parseMainCf, valueOffsetToDoc } from '../syntax/mainCf';
import { MasterCf, MasterOption, MasterEntry, parseMasterCf } from '../syntax/masterCf';
import { Release, isRawParameter, resolveRelease } from '../kb/knowledgeBase';
import { NameIndex, buildNameIndex } from './names';
import { MainIndex, mainIndexOf } from './mainIndex';
import { Service, describeServices } from './services';
import { MainLookups } from './lookups';
import type { LookupTable } from './tables';
import { Caches, Derived, DerivedKey, StoreKey } from '../caches';

/** The two files of a configuration. */
export type ConfigKind = 'main' | 'master';
/** Which file a tree or finding is about: main.cf, master.cf, or a lookup table's source (`maps/`). */
export type FileKind = ConfigKind | 'map';

/** One `$name` reference with where it is. */
export interface Reference {
  readonly file: FileKind;
  readonly name: string;
  /** Document offsets of the whole reference and of its name. */
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The main.cf entry or master.cf option whose value holds it. */
  readonly owner: MainEntry | MasterOption;
  /** For master.cf: the service whose `-o` value holds it. */
  readonly service?: MasterEntry;
}

export { MainLookups };

export interface ConfigurationInput {
  mainText?: string;
  masterText?: string;
  /** The `postfix.version` setting, e.g. "3.7" or "3.9.14". */
  version?: string;
  /** Pre-parsed trees, when the caller caches them per document version. */
  main?: MainCf;
  master?: MasterCf;
  /** What is kept across versions (the language service's); fresh when not given. */
  caches?: Caches;
  /**
   * main.cf entries read as if appended at the end of main.cf, by name (the upgrade
   * review's raised compatibility_level): the file need not be parsed again.
   */
  overrides?: ReadonlyMap<string, MainEntry>;
  /** Lookup tables the host read, by the path main.cf names them with (routing.ts reads them). */
  tables?: ReadonlyMap<string, LookupTable>;
}

/** Per master.cf version: an edit of main.cf keeps every Service (and what is kept per service). */
const SERVICES = new StoreKey('services per master.cf version', () => new WeakMap<MasterCf, Service[]>());
const SERVICES_BY_NAME = new StoreKey('services by name per master.cf version', () => new WeakMap<MasterCf, Map<string, Service[]>>());

export class Configuration {
  readonly main: MainCf;
  readonly master: MasterCf;
  readonly release: Release;
  /** Whether each file exists (a missing file is parsed as empty). */
  readonly hasMain: boolean;
  readonly hasMaster: boolean;
  /** What is kept across versions of the configuration (see caches.ts). */
  readonly caches: Caches;
  /** Entries that win over main.cf's own (see ConfigurationInput.overrides). */
  readonly overrides?: ReadonlyMap<string, MainEntry>;
  /** Lookup tables by path (see ConfigurationInput.tables). */
  readonly tables?: ReadonlyMap<string, LookupTable>;
  private readonly derived = new Derived();
  private cachedNames?: NameIndex;
  private cachedServices?: Service[];
  private cachedRefs?: Reference[];
  private cachedByName?: Map<string, Service[]>;
  private cachedIndex?: MainIndex;
  /** Active dependency recorders (see record()). */
  private readonly recorders: MainLookups[] = [];

  constructor(input: ConfigurationInput) {
    this.hasMain = input.main !== undefined || input.mainText !== undefined;
    this.hasMaster = input.master !== undefined || input.masterText !== undefined;
    this.main = input.main ?? parseMainCf(input.mainText ?? '');
    this.master = input.master ?? parseMasterCf(input.masterText ?? '');
    this.release = resolveRelease(input.version);
    this.caches = input.caches ?? new Caches();
    if (input.overrides?.size) this.overrides = input.overrides;
    if (input.tables?.size) this.tables = input.tables;
  }

  /** A result kept for as long as this configuration (see caches.ts). */
  derive<T>(key: DerivedKey<T>, compute: () => T): T {
    return this.derived.get(key, compute);
  }

  /** Which names postconf knows, defines and considers used. */
  get names(): NameIndex {
    return (this.cachedNames ??= buildNameIndex(this));
  }

  /** master.cf services with their program and role. */
  get services(): Service[] {
    if (!this.cachedServices) {
      const kept = this.caches.store(SERVICES);
      this.cachedServices = kept.get(this.master);
      if (!this.cachedServices) kept.set(this.master, (this.cachedServices = describeServices(this.master.entries)));
    }
    return this.cachedServices;
  }

  /** The master.cf services with this name (field 1), in file order. */
  servicesNamed(name: string): readonly Service[] {
    if (!this.cachedByName) {
      const kept = this.caches.store(SERVICES_BY_NAME);
      this.cachedByName = kept.get(this.master);
      if (!this.cachedByName) {
        kept.set(this.master, (this.cachedByName = new Map()));
        for (const service of this.services) {
          const list = this.cachedByName.get(service.name);
          if (list) list.push(service);
          else this.cachedByName.set(service.name, [service]);
        }
      }
    }
    return this.cachedByName.get(name) ?? [];
  }

  /** main.cf's indexes (kept per version, see mainIndex.ts). */
  get mainIndex(): MainIndex {
    return (this.cachedIndex ??= mainIndexOf(this.caches, this.main));
  }

  /** The entry in effect for `name` in main.cf: the last one, as Postfix keeps the last. */
  mainEntry(name: string): MainEntry | undefined {
    const entry = this.overrides?.get(name) ?? this.mainIndex.last.get(name);
    for (const recorder of this.recorders) recorder.set(name, entry);
    return entry;
  }

  /**
   * Runs `compute` and returns the main.cf look-ups it made (name -> the entry it got,
   * or undefined). A result computed from the same look-ups is still right in a later
   * version of the configuration if every look-up gives the same entry object: the
   * incremental parser keeps the objects of lines that did not change.
   */
  record<T>(compute: () => T): [T, MainLookups] {
    const lookups = new MainLookups();
    this.recorders.push(lookups);
    try {
      return [compute(), lookups.trim()];
    } finally {
      this.recorders.pop();
    }
  }

  /** Adds look-ups made earlier (by a memoised computation) to the active recorders. */
  replay(lookups: MainLookups): void {
    for (const recorder of this.recorders) lookups.forEach((name, entry) => recorder.set(name, entry));
  }

  /** True when every recorded look-up still gives the same entry here. */
  stillHolds(lookups: MainLookups): boolean {
    if (this.recorders.length) {
      return lookups.every((name, entry) => this.mainEntry(name) === entry);
    }
    // Nothing records: ask the index directly (this runs for each of 10,000 transports).
    const last = this.mainIndex.last;
    return lookups.every((name, entry) => last.get(name) === entry);
  }

  /** Every `$name` reference in main.cf values and master.cf `-o` values. */
  get references(): Reference[] {
    if (this.cachedRefs) return this.cachedRefs;
    const refs: Reference[] = [];
    for (const entry of this.main.entries) {
      if (!isRawParameter(entry.name.text)) collectRefs(refs, 'main', entry.value, entry);
    }
    for (const entry of this.master.entries) {
      for (const option of entry.options) {
        if (!isRawParameter(option.name.text)) collectRefs(refs, 'master', option.value, option, entry);
      }
    }
    return (this.cachedRefs = refs);
  }
}

function collectRefs(out: Reference[], file: FileKind, value: ValueText, owner: MainEntry | MasterOption, service?: MasterEntry): void {
  for (const ref of value.refs) out.push(new ValueReference(file, ref, value, owner, service));
}

/** A Reference whose document offsets follow its value (which moves with edits above it). */
class ValueReference implements Reference {
  constructor(
    readonly file: FileKind,
    private readonly ref: ValueRef,
    private readonly value: ValueText,
    readonly owner: MainEntry | MasterOption,
    readonly service?: MasterEntry,
  ) {}

  get name(): string {
    return this.ref.name;
  }
  get start(): number {
    return valueOffsetToDoc(this.value, this.ref.start);
  }
  get end(): number {
    return valueOffsetToDoc(this.value, this.ref.end - 1) + 1;
  }
  get nameStart(): number {
    return valueOffsetToDoc(this.value, this.ref.nameStart);
  }
  get nameEnd(): number {
    return valueOffsetToDoc(this.value, this.ref.nameEnd - 1) + 1;
  }
}
