/**
 * regexp: and pcre: tables, read as Postfix's dict_regexp.c and dict_pcre.c read them:
 * logical lines (readllines), trailing white space trimmed; a line starting with a
 * non-alphanumeric character is a rule `[!]/pattern/flags [!/pattern2/flags] replacement`
 * (the second pattern: regexp: only); `if [!]/pattern/flags` ... `endif`; anything else is
 * ignored with a warning. A rule Postfix cannot use is skipped, with the reason.
 * Lookups run the first rule that matches, as Postfix does, on a JavaScript translation of
 * the pattern; a pattern that cannot be translated faithfully, or that could backtrack
 * without bound, makes the answer uncertain instead of wrong or slow.
 */
import { LogicalLine, docEnd, isSpaceCode, splitLogicalLines, toDocOffset } from '../syntax/logicalLines';
import { MapAnswer, MapEntry, MapFile, MapProblem } from './mapFile';
import { Compiled, compilePattern } from './translate';

export interface Pattern {
  /** The text between the delimiters. */
  source: string;
  flags: string;
  /** False for `!/pattern/`: the rule applies when the pattern does not match. */
  match: boolean;
}

/** A rule, an IF or an ENDIF. */
export interface PatternRule extends MapEntry {
  readonly op: 'match' | 'if' | 'endif';
  readonly first?: Pattern;
  readonly second?: Pattern;
  /** For `if`: the index of its `endif` in `rules`, when it has one. */
  endif?: number;
}

class Rule implements PatternRule {
  endif?: number;
  compiled?: (Compiled | undefined)[];
  constructor(
    readonly op: PatternRule['op'],
    readonly source: LogicalLine,
    readonly key: string,
    readonly value: string,
    private readonly valueAt: number,
    readonly first?: Pattern,
    readonly second?: Pattern,
  ) {}
  get line(): number { return this.source.line; }
  get keyStart(): number { return this.source.start; }
  get keyEnd(): number { return docEnd(this.source, 0, this.key.length); }
  get valueStart(): number { return toDocOffset(this.source, this.valueAt); }
  get valueEnd(): number { return docEnd(this.source, this.valueAt, this.valueAt + this.value.length); }
}

class PatternMap implements MapFile {
  constructor(
    readonly syntax: 'regexp' | 'pcre',
    readonly entries: readonly Rule[],
    readonly problems: readonly MapProblem[],
    readonly comments: MapFile['comments'],
  ) {}

  lookup(key: string): MapEntry | undefined {
    return this.answer(key).entry;
  }

  query(key: string): string | undefined {
    return this.answer(key).value;
  }

  answer(key: string): MapAnswer {
    const rules = this.entries;
    let certain = true;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule.op === 'endif') continue;
      const first = this.test(rule, 0, key);
      if (first === undefined) return { certain: false };
      if (rule.op === 'if') {
        if (first.hit) continue;
        if (rule.endif === undefined) return { certain };
        i = rule.endif;
        continue;
      }
      if (!first.hit) continue;
      if (rule.second) {
        const second = this.test(rule, 1, key);
        if (second === undefined) return { certain: false };
        if (!second.hit) continue;
      }
      const value = substitute(rule.value, first.groups);
      if (value === undefined) certain = false;
      return { entry: rule, value, certain };
    }
    return { certain };
  }

  /** Whether pattern `which` of `rule` says yes for `key` (with its groups); undefined when it cannot be told. */
  private test(rule: Rule, which: 0 | 1, key: string): { hit: boolean; groups: string[] } | undefined {
    const pattern = which === 0 ? rule.first! : rule.second!;
    rule.compiled ??= [];
    if (!(which in rule.compiled)) rule.compiled[which] = compilePattern(pattern.source, pattern.flags, this.syntax);
    const compiled = rule.compiled[which];
    if (!compiled || key.length > 4096) return undefined;
    const m = compiled.regex.exec(key);
    return { hit: !!m === pattern.match, groups: m ? m.map((g) => g ?? '') : [] };
  }
}

/** Replaces `$n`, `${n}`, `$(n)` and `$$` as Postfix does; undefined when the text is not what the prescan accepted. */
function substitute(text: string, groups: readonly string[]): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$') { out += c; continue; }
    if (text[i + 1] === '$') { out += '$'; i++; continue; }
    const m = /^\$(?:\{(\d+)\}|\((\d+)\)|(\d+))/.exec(text.slice(i));
    if (!m) return undefined;
    out += groups[Number(m[1] ?? m[2] ?? m[3])] ?? '';
    i += m[0].length - 1;
  }
  return out;
}

/** Reads a regexp: or pcre: table. */
export function parsePatternMap(text: string, syntax: 'regexp' | 'pcre'): MapFile {
  const { lines, comments } = splitLogicalLines(text);
  const rules: Rule[] = [];
  const problems: MapProblem[] = [];
  const open: Rule[] = [];
  for (const line of lines) {
    if (line.leadingWhitespace) {
      problems.push({ code: 'leading-whitespace', start: line.start, end: line.end, line: line.line });
      continue;
    }
    if (line.nulAt !== undefined) problems.push({ code: 'nul-byte', start: line.nulAt, end: line.nulAt + 1, line: line.line });
    const say = (detail: string, skipped = true): void =>
      void problems.push({ code: 'regexp-syntax', start: line.start, end: docEnd(line, 0, trimmedLength(line.text)), line: line.line, detail, skipped });
    const rule = readRule(line, syntax, say, open.length);
    if (!rule) continue;
    if (rule.op === 'if') open.push(rule);
    if (rule.op === 'endif') open.pop()!.endif = rules.length;
    rules.push(rule);
  }
  for (const rule of open) {
    problems.push({ code: 'regexp-syntax', start: rule.keyStart, end: rule.keyEnd, line: rule.line, detail: 'this IF has no matching ENDIF', skipped: false });
  }
  problems.sort((a, b) => a.start - b.start);
  return new PatternMap(syntax, rules, problems, comments);
}

const trimmedLength = (text: string): number => {
  let n = text.length;
  while (n > 0 && isSpaceCode(text.charCodeAt(n - 1))) n--;
  return n;
};

const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);

function readRule(line: LogicalLine, syntax: 'regexp' | 'pcre', say: (detail: string, skipped?: boolean) => void, nesting: number): Rule | undefined {
  const text = line.text.slice(0, trimmedLength(line.text));
  if (!isAlnum(text[0])) {
    const at = { p: 0 };
    const first = readPattern(text, at, syntax, say);
    if (!first) return undefined;
    let second: Pattern | undefined;
    if (syntax === 'regexp' && text[at.p] === '!') {
      second = readPattern(text, at, syntax, say);
      if (!second) return undefined;
    }
    const key = text.slice(0, at.p);
    while (at.p < text.length && isSpaceCode(text.charCodeAt(at.p))) at.p++;
    const value = text.slice(at.p);
    if (!value) say('no replacement text: the rule answers an empty string', false);
    const max = maxSubstitution(value);
    if (max === undefined) return void say('bad replacement syntax: each "$" must be "$$" or a $number such as $1 or ${1}');
    if (max > 0 && !first.match) return void say('a $number in the replacement of a negated pattern (!/.../): there is no match to take it from');
    const groups = countGroups(first.source, syntax);
    if (groups !== undefined && max > groups) return void say(`the replacement uses $${max}, but the pattern has ${groups} (...) group${groups === 1 ? '' : 's'}`);
    const problem = patternProblem(first.source, syntax) ?? (second && patternProblem(second.source, syntax));
    if (problem) return void say(problem);
    return new Rule('match', line, key, value, at.p, first, second);
  }
  if (/^if(?![A-Za-z0-9])/i.test(text)) {
    const at = { p: 2 };
    while (at.p < text.length && isSpaceCode(text.charCodeAt(at.p))) at.p++;
    const pattern = readPattern(text, at, syntax, say);
    if (!pattern) return undefined;
    const key = text.slice(0, at.p);
    while (at.p < text.length && isSpaceCode(text.charCodeAt(at.p))) at.p++;
    if (at.p < text.length) say('text after the IF pattern is ignored (do not indent the rules between IF and ENDIF)', false);
    const problem = patternProblem(pattern.source, syntax);
    if (problem) return void say(problem);
    return new Rule('if', line, key, '', text.length, pattern);
  }
  if (/^endif(?![A-Za-z0-9])/i.test(text)) {
    if (nesting === 0) return void say('ENDIF without a matching IF');
    if (text.slice(5).trim()) say('text after ENDIF is ignored', false);
    return new Rule('endif', line, text.slice(0, 5), '', text.length);
  }
  return void say('not a rule (a rule starts with a pattern such as /.../, or is IF or ENDIF)');
}

function readPattern(text: string, at: { p: number }, syntax: 'regexp' | 'pcre', say: (d: string) => void): Pattern | undefined {
  let p = at.p;
  let match = true;
  for (; p < text.length; p++) {
    if (text[p] === '!') match = !match;
    else if (!isSpaceCode(text.charCodeAt(p))) break;
  }
  if (p >= text.length) return void say('no pattern');
  const delimiter = text[p++];
  const start = p;
  for (; p < text.length; p++) {
    if (text[p] === '\\') {
      if (p + 1 < text.length) p++;
      else { p = text.length; break; }
    } else if (text[p] === delimiter) break;
  }
  if (p >= text.length) return void say(`no closing pattern delimiter "${delimiter}"`);
  const source = text.slice(start, p++);
  const flagsAt = p;
  const known = syntax === 'regexp' ? 'imx' : 'imsxAEUX';
  while (p < text.length && !isSpaceCode(text.charCodeAt(p)) && !(syntax === 'regexp' && text[p] === '!')) {
    if (!known.includes(text[p])) return void say(`unknown pattern flag "${text[p]}" (${syntax}: takes ${known.split('').join(', ')})`);
    p++;
  }
  at.p = p;
  return { source, flags: text.slice(flagsAt, p), match };
}

/** The highest $number of a replacement; undefined for text Postfix's prescan rejects. */
function maxSubstitution(value: string): number | undefined {
  let max = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '$') continue;
    if (value[i + 1] === '$') { i++; continue; }
    const m = /^\$(?:\{([^}]*)\}|\(([^)]*)\)|([A-Za-z0-9_]*))/.exec(value.slice(i));
    const name = m && (m[1] ?? m[2] ?? m[3]);
    if (!name || !/^\d+$/.test(name) || Number(name) < 1) return undefined;
    if (value[i + 1] === '{' && !value.includes('}', i)) return undefined;
    max = Math.max(max, Number(name));
    i += m![0].length - 1;
  }
  return max;
}

/**
 * Walks a pattern's text as regcomp and PCRE tokenise it, calling `visit` with the offset of
 * every character outside a bracket class and not escaped, while it returns true. A
 * backslash escapes the next character (inside a class only in PCRE); "[^]..." and "[]..."
 * keep their "]". Says how the text ended: in an escape with nothing to escape, or in an
 * open class; undefined when `visit` stopped the walk.
 */
function scanPattern(source: string, syntax: 'regexp' | 'pcre', visit: (at: number) => boolean): { endsInBackslash: boolean; openClass: boolean } | undefined {
  let inClass = false;
  let endsInBackslash = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (i + 1 >= source.length) endsInBackslash = true;
      if (!inClass || syntax === 'pcre') i++;
      continue;
    }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
      continue;
    }
    if (!visit(i)) return undefined;
  }
  return { endsInBackslash, openClass: inClass };
}

/** The number of capturing groups, or undefined when that cannot be told simply. */
export function countGroups(source: string, syntax: 'regexp' | 'pcre'): number | undefined {
  let n = 0;
  const done = scanPattern(source, syntax, (i) => {
    if (source[i] !== '(') return true;
    if (syntax === 'pcre' && source[i + 1] === '?') return !/^\(\?(P?<[A-Za-z]|')/.test(source.slice(i)); // named groups: stop
    n++;
    return true;
  });
  return done ? n : undefined;
}

/** What is surely wrong with a pattern (both regcomp and PCRE reject it), or undefined. */
function patternProblem(source: string, syntax: 'regexp' | 'pcre'): string | undefined {
  let depth = 0;
  const done = scanPattern(source, syntax, (i) => {
    if (source[i] === '(') depth++;
    // regcomp (glibc) reads a ")" without its "(" as an ordinary character; PCRE rejects it.
    if (source[i] !== ')' || (depth === 0 && syntax === 'regexp')) return true;
    return --depth >= 0;
  });
  if (!done) return 'a ")" without its "("';
  if (done.endsInBackslash) return 'the pattern ends with a backslash';
  if (done.openClass) return 'a "[" without its "]"';
  if (depth > 0) return 'a "(" without its ")"';
  return undefined;
}
