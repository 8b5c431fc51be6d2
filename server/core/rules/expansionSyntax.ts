/**
 * expansion-syntax: a value whose `$` expression Postfix cannot parse. postconf warns,
 * and daemons that expand the value stop with "macro processing error". Values of "raw"
 * parameters (mailbox_command, ...) are expanded later by their program and not checked.
 */
import { Finding } from '../findings';
import { ValueText, valueRange } from '../syntax/mainCf';
import { FileKind } from '../model/configuration';
import { isRawParameter } from '../kb/knowledgeBase';
import { Rule, lineRule } from './types';

export const expansionSyntax: Rule = lineRule({
  codes: ['expansion-syntax'],
  masterOnly: true,
  mainItem(item) {
    const found = item.kind === 'entry' ? check('main', item.value, item.name.text) : undefined;
    return found && [found];
  },
  rest({ config }) {
    const out: Finding[] = [];
    for (const service of config.master.services) {
      for (const option of service.options) {
        const found = check('master', option.value, option.name.text);
        if (found) out.push(found);
      }
    }
    return out;
  },
});

function check(file: FileKind, value: ValueText, name: string): Finding | undefined {
  const error = value.error;
  if (!error || isRawParameter(name)) return undefined;
  const range = valueRange(value, error.start, Math.max(error.end, error.start + 1));
  if (error.checkerLimit) {
    // Our limit, not Postfix's: say so, and do not claim Postfix fails.
    return { code: 'expansion-syntax', severity: 'warning', file, ...range, message: `${capitalize(error.message)}: postfix-lsp does not check the rest of this value.` };
  }
  return {
    code: 'expansion-syntax', severity: 'error', file, ...range,
    message: `${capitalize(error.message)}. Postfix stops with "macro processing error" when it expands this value.`,
  };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
