/**
 * Caret and range markers for test texts: `|` marks a position and `[[...]]` marks a
 * range; both are removed from the text before it is used.
 */
export function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function ranges(marked: string): { text: string; ranges: { start: number; end: number }[] } {
  const out: { start: number; end: number }[] = [];
  let text = '';
  let i = 0;
  while (i < marked.length) {
    if (marked.startsWith('[[', i)) {
      const close = marked.indexOf(']]', i + 2);
      if (close < 0) throw new Error('unclosed [[');
      const start = text.length;
      text += marked.slice(i + 2, close);
      out.push({ start, end: text.length });
      i = close + 2;
    } else text += marked[i++];
  }
  return { text, ranges: out };
}
