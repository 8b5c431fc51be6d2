/**
 * expansion-syntax: a value whose `$` expression Postfix cannot parse. postconf warns,
 * and daemons that expand the value stop with "macro processing error". So does a call
 * `${name{value}}` of a function the target release does not have (3.11 added them).
 * Values of "raw" parameters (mailbox_command, ...) are expanded later by their program
 * and not checked.
 */
import { Finding } from '../findings';
import { ValueText, valueRange } from '../syntax/mainCf';
import { FileKind } from '../model/configuration';
import { FIRST_WITH_FUNCTIONS, Release, isRawParameter, valueFunctions } from '../kb/knowledgeBase';
import { Rule } from './types';

export const expansionSyntax: Rule = {
  kind: 'line',
  codes: ['expansion-syntax'],
  line(item, { config }) {
    const found = item.kind === 'entry' ? check(config.release, 'main', item.value, item.name.text) : undefined;
    return found && [found];
  },
  rest: {
    reads: 'master',
    check({ config }) {
      const out: Finding[] = [];
      for (const entry of config.master.entries) {
        for (const option of entry.options) {
          const found = check(config.release, 'master', option.value, option.name.text);
          if (found) out.push(found);
        }
      }
      return out;
    },
  },
};

function check(release: Release, file: FileKind, value: ValueText, name: string): Finding | undefined {
  if (isRawParameter(name)) return undefined;
  const error = value.error;
  if (!error) return value.calls.length ? checkCalls(release, file, value) : undefined;
  const range = valueRange(value, error.start, Math.max(error.end, error.start + 1));
  if (error.checkerLimit) {
    // Our limit, not Postfix's: say so, and do not claim Postfix fails.
    return { code: 'expansion-syntax', severity: 'warning', file, ...range, message: `${capitalize(error.message)}: postfix-lsp does not check the rest of this value.` };
  }
  return {
    code: 'expansion-syntax', file, ...range,
    message: `${capitalize(error.message)}. Postfix stops with "macro processing error" when it expands this value.`,
  };
}

/** The first call of a function `release` lacks. */
function checkCalls(release: Release, file: FileKind, value: ValueText): Finding | undefined {
  const known = valueFunctions(release);
  const call = value.calls.find((c) => !known.includes(c.name));
  if (!call) return undefined;
  const why = known.length
    ? `Unknown function "${call.name}": Postfix ${release.name} has ${known.map((f) => `"${f}"`).join(' and ')}`
    : `Postfix ${release.name} has no functions in values: "\${${call.name}{...}}" needs Postfix ${FIRST_WITH_FUNCTIONS} or later`;
  return {
    code: 'expansion-syntax', file, ...valueRange(value, call.nameStart, call.nameEnd),
    message: `${why}. Postfix stops with "macro processing error" when it expands this value.`,
  };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
