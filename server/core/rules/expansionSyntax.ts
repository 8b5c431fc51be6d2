/**
 * expansion-syntax: a value whose `$` expression Postfix cannot parse. postconf warns,
 * and daemons that expand the value stop with "macro processing error". Values of "raw"
 * parameters (mailbox_command, ...) are expanded later by their program and not checked.
 */
import { Finding } from '../findings';
import { ValueText, valueRange } from '../syntax/mainCf';
import { FileKind } from '../model/configuration';
import { isRawParameter } from '../kb/knowledgeBase';
import { Rule } from './types';

export const expansionSyntax: Rule = {
  codes: ['expansion-syntax'],
  check({ config }) {
    const out: Finding[] = [];
    const check = (file: FileKind, value: ValueText, name: string): void => {
      const error = value.error;
      if (!error || isRawParameter(name)) return;
      const range = valueRange(value, error.start, Math.max(error.end, error.start + 1));
      if (error.checkerLimit) {
        // Our limit, not Postfix's: say so, and do not claim Postfix fails.
        out.push({ code: 'expansion-syntax', severity: 'warning', file, ...range, message: `${capitalize(error.message)}: postfix-lsp does not check the rest of this value.` });
        return;
      }
      out.push({
        code: 'expansion-syntax', severity: 'error', file, ...range,
        message: `${capitalize(error.message)}. Postfix stops with "macro processing error" when it expands this value.`,
      });
    };
    for (const entry of config.main.entries) check('main', entry.value, entry.name.text);
    for (const service of config.master.services) {
      for (const option of service.options) check('master', option.value, option.name.text);
    }
    return out;
  },
};

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
