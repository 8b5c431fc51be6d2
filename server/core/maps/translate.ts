/**
 * POSIX extended (regexp:) and PCRE (pcre:) patterns as JavaScript regular expressions,
 * for answering lookups. Only what translates faithfully is translated: anything else
 * (basic REs, PCRE-only syntax, collating elements, ...) gives undefined and the lookup
 * says it cannot tell. A pattern that nests quantifiers, which can backtrack without
 * bound, gives undefined too: a lookup must never hang the server.
 */
export interface Compiled {
  regex: RegExp;
  /** The pattern has alternatives: POSIX takes the longest match, JavaScript the first, so $n may differ. */
  alternation: boolean;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: 'A-Za-z0-9_',
};

/** Compiles a pattern of a regexp:/pcre: table with its flags, or undefined when it cannot be done faithfully. */
export function compilePattern(source: string, flags: string, syntax: 'regexp' | 'pcre'): Compiled | undefined {
  let icase = true;
  let dotall = syntax === 'pcre';
  let multiline = false;
  let anchored = false;
  let newline = false;
  for (const f of flags) {
    if (f === 'i') icase = !icase;
    else if (f === 'm') (syntax === 'regexp' ? (newline = !newline) : (multiline = !multiline));
    else if (f === 's') dotall = !dotall;
    else if (f === 'A') anchored = !anchored;
    else if (f === 'E' || f === 'X') continue;
    else return undefined; // x (basic RE / extended PCRE), U (ungreedy)
  }
  if (syntax === 'regexp') {
    dotall = !newline;
    multiline = newline;
  }
  if (mayBacktrackWithoutBound(source)) return undefined;
  const body = syntax === 'regexp' ? fromPosix(source) : fromPcre(source);
  if (body === undefined) return undefined;
  const js = anchored ? `^(?:${body})` : body;
  try {
    return { regex: new RegExp(js, `${icase ? 'i' : ''}${dotall ? 's' : ''}${multiline ? 'm' : ''}`), alternation: source.includes('|') };
  } catch {
    return undefined;
  }
}

function fromPosix(source: string): string | undefined {
  let out = '';
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '(') depth++;
    if (c === ')' && depth-- === 0) {
      depth = 0;
      out += '\\)'; // an ordinary character for regcomp
      continue;
    }
    if (c === '\\') {
      const n = source[++i];
      if (n === undefined) return undefined;
      if (n === '<' || n === '>') out += '\\b';
      else if ('wWsSbB'.includes(n) || /[1-9]/.test(n)) out += `\\${n}`;
      else if (n === '`') out += '^';
      else if (n === "'") out += '$';
      else out += /[A-Za-z0-9]/.test(n) ? n : `\\${n}`;
    } else if (c === '[') {
      const end = bracket(source, i);
      if (!end) return undefined;
      out += end.js;
      i = end.at;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return undefined;
      out += m[0];
      i += m[0].length - 1;
    } else out += c;
  }
  return out;
}

function fromPcre(source: string): string | undefined {
  if (/\\[QEGKRXhHvVpPCNoxcue]|\\[AZz]|\(\?(?![:=!]|<[=!]|<[A-Za-z])|[*+?}]\+|\(\*/.test(source.replace(/\\\\/g, ''))) {
    // \A and \z have plain equivalents; the rest (\Q..\E, \K, possessive, verbs, inline flags, ...) has none.
    const simpler = source.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
    if (simpler !== source) return fromPcre(simpler);
    return undefined;
  }
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[++i] ?? '');
    } else if (c === '[') {
      const end = bracket(source, i, true);
      if (!end) return undefined;
      out += end.js;
      i = end.at;
    } else out += c;
  }
  return out;
}

/** A bracket expression starting at `start`: its JavaScript form and the index of its "]". */
function bracket(source: string, start: number, pcre = false): { js: string; at: number } | undefined {
  let i = start + 1;
  let js = '[';
  if (source[i] === '^') { js += '^'; i++; }
  if (source[i] === ']') { js += '\\]'; i++; }
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === ']') return { js: js + ']', at: i };
    if (c === '[' && source[i + 1] === ':') {
      const m = /^\[:([a-z]+):\]/.exec(source.slice(i));
      const cls = m && POSIX_CLASSES[m[1]];
      if (!cls) return undefined;
      js += cls;
      i += m![0].length - 1;
    } else if (c === '[' && (source[i + 1] === '.' || source[i + 1] === '=')) {
      return undefined;
    } else if (c === '\\') {
      if (pcre) { js += c + (source[++i] ?? ''); continue; }
      js += '\\\\'; // a backslash is an ordinary character in a POSIX bracket expression
    } else if (c === '[') js += '\\[';
    else js += c;
  }
  return undefined;
}

/**
 * True for a quantified group that itself holds a quantifier or alternatives, e.g.
 * `(a+)+`, `(a|aa)*`, `(.*){2,}`: the shapes whose backtracking grows exponentially.
 */
export function mayBacktrackWithoutBound(source: string): boolean {
  const stack: { inner: boolean }[] = [];
  let lastGroupInner = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      continue;
    }
    const quantifier = c === '*' || c === '+' || c === '?' || c === '{';
    if (c === '(') stack.push({ inner: false });
    else if (c === ')') {
      lastGroupInner = stack.pop()?.inner ?? false;
      if (stack.length && lastGroupInner) stack[stack.length - 1].inner = true;
      const next = source[i + 1];
      if (lastGroupInner && (next === '*' || next === '+' || next === '{')) return true;
      continue;
    } else if (quantifier || c === '|') {
      if (stack.length && c !== '?') stack[stack.length - 1].inner = true;
    }
  }
  return false;
}
