/**
 * A master.cf entry, the logical line that defines one service, as a small object: its
 * logical line, its options, the three field texts rules read over and over (service,
 * type, command) and where the command's arguments start. Field and argument objects are
 * made when asked for (docs/ARCHITECTURE.md, "Memory and speed").
 */
import { LogicalLine, docEnd, skipSpace, toDocOffset } from './logicalLines';
import { Arg, FIELD_NAMES, FieldName, MasterOption, argAt, argEnd, splitArgs, stopOf } from './masterNodes';

export interface MasterEntry {
  /** 'service': a master.cf service line (a main.cf entry's kind is 'entry'). */
  readonly kind: 'service';
  readonly line: LogicalLine;
  /** The eight fields (made on each use: read it once where a loop needs several). */
  readonly fields: Record<FieldName, Arg>;
  /** Arguments after the command field (made on each use). */
  readonly args: Arg[];
  readonly options: MasterOption[];
  /** Fields 1, 2 and 8 (service, type, command) as text, without making the fields. */
  readonly serviceText: string;
  readonly typeText: string;
  readonly commandText: string;
}

/** The field texts kept by an entry. */
export interface EntryHead {
  service: string;
  type: string;
  command: string;
}

const COMMAND = FIELD_NAMES.length - 1;

/** An entry; `kind` lives on the prototype (one field less per entry). */
export class Entry implements MasterEntry {
  declare readonly kind: 'service';
  readonly line: LogicalLine;
  readonly options: MasterOption[];
  readonly serviceText: string;
  readonly typeText: string;
  readonly commandText: string;
  /** Joined-text offset just past the command field. */
  private readonly restAt: number;

  constructor({ line, head, restAt, options }: { line: LogicalLine; head: EntryHead; restAt: number; options: MasterOption[] }) {
    this.line = line;
    this.options = options;
    this.serviceText = head.service;
    this.typeText = head.type;
    this.commandText = head.command;
    this.restAt = restAt;
  }

  get fields(): Record<FieldName, Arg> {
    return {
      service: new FieldArg(this, 0), type: new FieldArg(this, 1), private: new FieldArg(this, 2), unpriv: new FieldArg(this, 3),
      chroot: new FieldArg(this, 4), wakeup: new FieldArg(this, 5), maxproc: new FieldArg(this, 6), command: new FieldArg(this, COMMAND),
    };
  }

  get args(): Arg[] {
    return splitArgs(this.line, this.restAt);
  }

  /** The text of field `index` (0-7) when the service keeps it. */
  keptText(index: number): string | undefined {
    switch (index) {
      case 0: return this.serviceText;
      case 1: return this.typeText;
      case COMMAND: return this.commandText;
      default: return undefined;
    }
  }

  /** Joined-text offset of field `index` (0-7). */
  fieldAt(index: number): number {
    const t = this.line.text;
    let at = skipSpace(t, 0);
    for (let field = 0; field < index; field++) at = skipSpace(t, stopOf(argEnd(t, at)));
    return at;
  }

  /** Plain data (tests compare trees as JSON). */
  toJSON(): object {
    return { kind: this.kind, line: this.line, fields: this.fields, args: this.args, options: this.options };
  }
}
Object.defineProperty(Entry.prototype, 'kind', { value: 'service' });

/**
 * One of a service's eight fields: its text from the service, its offsets on use (kept
 * while this object lives: it lives as long as the `fields` object a caller holds).
 */
class FieldArg implements Arg {
  private knownAt = -1;
  private knownText: string | undefined;

  constructor(
    private readonly service: Entry,
    private readonly index: number,
  ) {}

  get text(): string {
    return (this.knownText ??= this.service.keptText(this.index) ?? argAt(this.service.line, this.at).text);
  }

  get at(): number {
    if (this.knownAt < 0) this.knownAt = this.service.fieldAt(this.index);
    return this.knownAt;
  }

  get start(): number {
    return toDocOffset(this.service.line, this.at);
  }

  get end(): number {
    const at = this.at;
    return docEnd(this.service.line, at, at + this.text.length);
  }

  get unclosedBrace(): true | undefined {
    return argEnd(this.service.line.text, this.at) < 0 ? true : undefined;
  }

  toJSON(): object {
    return { text: this.text, at: this.at, start: this.start, end: this.end, unclosedBrace: this.unclosedBrace };
  }
}
