/**
 * duplicate-parameter: a main.cf parameter set again further down with a different
 * value. Postfix keeps the last one and warns "overriding earlier entry"; the earlier
 * entry is dead text, so it is faded and points at the entry that wins.
 */
import { excerpt } from '../excerpt';
import { Finding } from '../findings';
import { MainEntry } from '../syntax/mainCf';
import { Rule } from './types';

export const duplicateParameter: Rule = {
  kind: 'configuration',
  codes: ['duplicate-parameter'],
  check({ config }) {
    const out: Finding[] = [];
    // Each entry with the one of the same name before it, in file order; only names set
    // more than once are looked at (the index knows them, without a scan of every entry).
    const pairs: [MainEntry, MainEntry][] = [];
    for (const entries of config.mainIndex.repeated()) {
      for (let i = 1; i < entries.length; i++) pairs.push([entries[i - 1], entries[i]]);
    }
    pairs.sort((a, b) => a[1].line.start - b[1].line.start);
    for (const [earlier, entry] of pairs) {
      const name = entry.name.text;
      // Same value again: Postfix says nothing, and neither do we.
      if (earlier.value.text === entry.value.text) continue;
      out.push({
        code: 'duplicate-parameter', file: 'main',
        start: earlier.line.start, end: earlier.line.end, unnecessary: true,
        message: `"${excerpt(name)}" is set again on line ${entry.line.line + 1} with a different value; Postfix ignores this entry.`,
        related: [{ file: 'main', start: entry.name.start, end: entry.value.end, message: 'The entry Postfix uses' }],
        data: { name, line: earlier.line.line },
      });
    }
    return out;
  },
};
