/**
 * The parsed text of a Postfix lookup table ("map"): the source file of an indexed table
 * (hash, btree, lmdb, cdb, dbm: what `postmap` reads to build the database; texthash:
 * what Postfix reads itself), or a regexp:/pcre: table. One tree per document version,
 * with document offsets, the problems Postfix itself reports while reading it, and
 * `lookup(key)`: what `postmap -q key TYPE:FILE` answers.
 */
import type { CommentLine, LogicalLine } from '../syntax/logicalLines';

/** How a table's text is read: key/value lines (indexed types), or pattern lines. */
export type MapSyntax = 'indexed' | 'regexp' | 'pcre';

/** The Postfix table types whose source is a text file read as key/value lines. */
export const INDEXED_TYPES: readonly string[] = ['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'sdbm', 'texthash'];

/** The syntax a table type's source file is read with, or undefined for types without one (inline:, tcp:, ...). */
export function syntaxOfType(type: string): MapSyntax | undefined {
  if (type === 'regexp') return 'regexp';
  if (type === 'pcre') return 'pcre';
  return INDEXED_TYPES.includes(type) ? 'indexed' : undefined;
}

/**
 * What Postfix reports while reading a table, one code each (the diagnostic codes of
 * diagnosticCodes.ts are built from these):
 * - `unbalanced-quote`: a `"` without its partner before the end of the key; the line is ignored;
 * - `expected-format`: no key or no value ("key whitespace value"); the line is ignored;
 * - `alias-format`: the key ends in ":" (an aliases(5) line); the entry is kept, key with its colon;
 * - `duplicate-key`: a key an earlier line already has; the earlier value wins;
 * - `leading-whitespace`: the first line of the file starts with white space: nothing to continue, ignored;
 * - `nul-byte`: a NUL byte; the text after it is lost (Postfix 3.9 and later warn);
 * - `regexp-syntax`: a regexp:/pcre: line Postfix rejects (the message says why).
 */
export type MapProblemCode =
  | 'unbalanced-quote'
  | 'expected-format'
  | 'alias-format'
  | 'duplicate-key'
  | 'leading-whitespace'
  | 'nul-byte'
  | 'regexp-syntax';

export interface MapProblem {
  code: MapProblemCode;
  /** Document offsets of what the problem is about. */
  start: number;
  end: number;
  /** 0-based physical line of the logical line's start (Postfix reports it 1-based). */
  line: number;
  /** Details in our own words (the key, the earlier line, what is wrong with a pattern). */
  detail?: string;
  /** For `duplicate-key`: the entry that wins. */
  first?: MapEntry;
  /** For `regexp-syntax`: true when Postfix skips the rule, false when it only warns. */
  skipped?: boolean;
}

/** What a lookup answers, and whether that is sure (a regexp:/pcre: pattern may not be evaluable here). */
export interface MapAnswer {
  /** The entry or rule that answers; undefined when nothing matches (or when uncertain). */
  entry?: MapEntry;
  /** The value Postfix returns ($n substituted for a pattern rule). */
  value?: string;
  /** False when a pattern on the way could not be evaluated faithfully or safely. */
  certain: boolean;
}

/** One key/value record of an indexed table, or one pattern/action rule of a regexp:/pcre: table. */
export interface MapEntry {
  /** The key as Postfix stores it before case folding (quotes kept), or the pattern's text. */
  readonly key: string;
  /** The value (action), trimmed of surrounding white space as Postfix trims it. */
  readonly value: string;
  /** 0-based physical line where the logical line starts. */
  readonly line: number;
  /** Document offsets of the key and of the value. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The logical line the entry was read from. */
  readonly source: LogicalLine;
}

/** A parsed table. */
export interface MapFile {
  readonly syntax: MapSyntax;
  /** Every entry Postfix keeps, in file order (duplicates included: see `problems`). */
  readonly entries: readonly MapEntry[];
  readonly problems: readonly MapProblem[];
  readonly comments: readonly CommentLine[];
  /**
   * What `postmap -q KEY TYPE:FILE` answers: the winning entry for an indexed table (keys
   * folded to lower case, as postmap builds and queries them), the first matching rule of
   * a regexp:/pcre: table; undefined when Postfix finds nothing.
   */
  lookup(key: string): MapEntry | undefined;
  /** The value `postmap -q` prints (with a regexp:/pcre: rule's `$n` substituted). */
  query(key: string): string | undefined;
  /** lookup() and query() together, saying whether the answer is certain. */
  answer(key: string): MapAnswer;
}

/** How Postfix reads a table, where the configuration decides. */
export interface MapOptions {
  /**
   * Whether Postfix's UTF-8 mode is on (smtputf8_enable = yes, the default from
   * compatibility_level 1): keys are then case-folded as Unicode ("Straße" and "STRASSE"
   * are one key); without it only ASCII letters are folded. Default: true.
   */
  utf8?: boolean;
}

/** Postfix's case folding of table keys (DICT_FLAG_FOLD_FIX), as `postmap` builds and queries them. */
export function foldKey(key: string, utf8 = true): string {
  // Nearly every key is ASCII: lower-case without a new string when it is already.
  let ascii = true;
  let upper = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 127) ascii = false;
    else if (c >= 65 && c <= 90) upper = true;
  }
  if (ascii) return upper ? key.toLowerCase() : key;
  // Unicode full case folding (ICU's, which Postfix calls): "ß" -> "ss", final sigma -> sigma.
  if (utf8) return key.toUpperCase().toLowerCase().replace(/\u03c2/g, '\u03c3');
  return key.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
