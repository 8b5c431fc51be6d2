/**
 * Go to a queue ID's other lines in a log: the word under the cursor, when it has the
 * shape of a Postfix queue ID (short: hex; long: base-52, 3.x enable_long_queue_ids), and
 * every other line where it appears as a word. Bounded, for logs of any size.
 */
import { LONG_QUEUE_ID as LONG_ID, SHORT_QUEUE_ID as SHORT_ID } from './delivery';

const WORD = /[0-9A-Za-z]/;
const MAX_LOCATIONS = 1000;

/** The queue ID at `offset` in `text`, with its span; undefined when the word there is not one. */
export function queueIdAt(text: string, offset: number): { id: string; start: number; end: number } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  while (end < text.length && WORD.test(text[end])) end++;
  const id = text.slice(start, end);
  if (!SHORT_ID.test(id) && !LONG_ID.test(id)) return undefined;
  // It must stand where Postfix writes a queue ID: "...: ID: " or "queued as ID".
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  if (!((before === ': ' && after === ': ') || text.slice(Math.max(0, start - 10), start) === 'queued as ')) return undefined;
  return { id, start, end };
}

/** The first span of `id` as a word on each line (other than the one at `offset`) that has it. */
export function queueIdLines(text: string, id: string, offset: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const here = text.lastIndexOf('\n', offset - 1) + 1;
  let lastLine = -1;
  for (let at = text.indexOf(id); at >= 0 && out.length < MAX_LOCATIONS; at = text.indexOf(id, at + id.length)) {
    const end = at + id.length;
    if ((at > 0 && WORD.test(text[at - 1])) || (end < text.length && WORD.test(text[end]))) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (lineStart === here || lineStart === lastLine) continue;
    lastLine = lineStart;
    out.push({ start: at, end });
  }
  return out;
}
