/**
 * leading-whitespace: a logical line whose first line is indented. An indented line
 * continues the line above; at the top of a file there is nothing to continue, so
 * Postfix warns "logical line must not start with whitespace" and ignores it.
 */
import { Finding } from '../findings';
import { Rule } from './types';

export const leadingWhitespace: Rule = {
  codes: ['leading-whitespace'],
  check({ config }) {
    const out: Finding[] = [];
    for (const [file, tree] of [['main', config.main], ['master', config.master]] as const) {
      for (const item of tree.items) {
        if (item.kind !== 'problem' || item.problem !== 'leading-whitespace') continue;
        out.push({
          code: 'leading-whitespace', severity: 'warning', file, start: item.line.start, end: item.line.end,
          unnecessary: true,
          message: 'This line starts with white space and has no line above to continue: Postfix ignores it. Remove the indentation.',
        });
      }
    }
    return out;
  },
};
