/**
 * invalid-value: a literal value (no `$`) that the program reading the parameter cannot
 * convert: not yes/no for a boolean, not a plain number, not a time with a known unit,
 * out of the parameter's bounds or too short. postconf says nothing about these; the
 * program stops with "fatal" when it starts (qmgr: when it first uses a transport, for
 * per-transport names), so the error is only seen in the log after a reload.
 *
 * Only the value Postfix keeps is checked: the last main.cf entry of a name and the last
 * `-o` of a name on a service. An `-o` value is checked only when the service's program
 * reads the parameter; other programs never convert it. Values with `$` are expanded at
 * run time and are left alone, as are the concurrency feedback values, which Postfix
 * only warns about.
 */
import { Finding } from '../findings';
import { valueProblem } from '../kb/valueCheck';
import { FileKind } from '../model/configuration';
import { programOf } from '../model/services';
import { ValueRuleInfo, readByProgram, readersText, valueRuleFor } from '../model/valueRules';
import { Token, ValueText } from '../syntax/mainCf';
import { MasterOption } from '../syntax/masterCf';
import { Rule } from './types';

interface Checked {
  file: FileKind;
  name: Token;
  value: ValueText;
  /** Offset just past "=", for pointing at an empty value. */
  equalsEnd: number;
  info: ValueRuleInfo;
}

export const invalidValue: Rule = {
  kind: 'line',
  codes: ['invalid-value'],
  line(entry, { config }) {
    // Only the last entry of a name counts: the others are duplicate-parameter's.
    if (entry.kind !== 'entry' || entry.value.text.includes('$') || config.mainEntry(entry.name.text) !== entry) return undefined;
    const info = valueRuleFor(config, entry.name.text);
    const found = info && report({ file: 'main', name: entry.name, value: entry.value, equalsEnd: entry.equals + 1, info });
    return found && [found];
  },
  rest: {
    reads: 'configuration',
    check({ config }) {
      const out: Finding[] = [];
      for (const entry of config.master.entries) {
        const program = programOf(entry.commandText);
        const options = entry.options;
        for (let i = 0; i < options.length; i++) {
          const option = options[i];
          if (!isLastOfName(options, i)) continue;
          const info = valueRuleFor(config, option.name.text);
          if (!info || !readByProgram(info.readBy, program)) continue;
          if (info.suffix === '_time_limit' && info.transport !== entry.serviceText) continue;
          const found = report({ file: 'master', name: option.name, value: option.value, equalsEnd: (option.equals ?? option.name.end) + 1, info });
          if (found) out.push(found);
        }
      }
      return out;
    },
  },
};

function report(c: Checked): Finding | undefined {
  if (c.value.text.includes('$')) return undefined;
  const problem = valueProblem(c.info.rule, c.value.text);
  if (!problem) return undefined;
  const empty = c.value.start === c.value.end;
  return {
    code: 'invalid-value', file: c.file,
    start: empty ? c.name.start : c.value.start, end: empty ? c.equalsEnd : c.value.end,
    message: `Invalid value for "${c.name.text}": ${problem}. ${consequence(c.info)}`,
    data: { name: c.name.text },
  };
}

/**
 * Whether options[i] is in effect: a named option with "=" that no later one of the same
 * name overrides. A scan (a service has a few options) instead of a Map per service.
 */
function isLastOfName(options: readonly MasterOption[], i: number): boolean {
  const named = (o: MasterOption): boolean => o.form !== 'missing-equals' && o.name.text !== '';
  const option = options[i];
  if (!named(option)) return false;
  for (let j = i + 1; j < options.length; j++) if (named(options[j]) && options[j].name.text === option.name.text) return false;
  return true;
}

function consequence(info: ValueRuleInfo): string {
  if (info.transport !== undefined && info.suffix !== '_time_limit') {
    return `The queue manager stops with a fatal error when it first delivers over the "${info.transport}" transport.`;
  }
  if (info.readBy.includes('global')) return 'Every Postfix program stops with a fatal error when it starts.';
  return `The program that reads it (${readersText(info.readBy)}) stops with a fatal error when it starts.`;
}
