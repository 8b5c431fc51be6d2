/**
 * leading-whitespace: a logical line whose first line is indented. An indented line
 * continues the line above; at the top of a file there is nothing to continue, so
 * Postfix warns "logical line must not start with whitespace" and ignores it.
 */
import { Finding } from '../findings';
import { FileKind } from '../model/configuration';
import { MainItem } from '../syntax/mainCf';
import { MasterItem } from '../syntax/masterCf';
import { Rule } from './types';

export const leadingWhitespace: Rule = {
  kind: 'line',
  codes: ['leading-whitespace'],
  line: (item) => finding('main', item),
  rest: {
    reads: 'master',
    check({ config }) {
      return config.master.items.flatMap((item) => finding('master', item) ?? []);
    },
  },
};

function finding(file: FileKind, item: MainItem | MasterItem): Finding[] | undefined {
  if (item.kind !== 'problem' || item.problem !== 'leading-whitespace') return undefined;
  return [{
    code: 'leading-whitespace', file, start: item.line.start, end: item.line.end,
    unnecessary: true,
    message: 'This line starts with white space and has no line above to continue: Postfix ignores it. Remove the indentation.',
  }];
}
