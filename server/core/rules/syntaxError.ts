/**
 * syntax-error: what makes postconf (and so every Postfix command) stop with "fatal":
 * a main.cf line without "=" or without a name; a master.cf entry with fewer than eight
 * fields or an invalid type, private, unpriv, chroot, wakeup or maxproc field. A NUL
 * byte is reported too: Postfix ignores the rest of that line.
 */
import { excerpt } from '../excerpt';
import { Finding } from '../findings';
import { FieldName } from '../syntax/masterCf';
import { FileKind } from '../model/configuration';
import { Rule } from './types';

const FIELD_RULES: { field: FieldName; valid: RegExp; expected: string }[] = [
  { field: 'type', valid: /^(inet|unix|unix-dgram|fifo|pass)$/, expected: 'inet, unix, unix-dgram, fifo or pass' },
  { field: 'private', valid: /^[yn-]$/, expected: 'y, n or -' },
  { field: 'unpriv', valid: /^[yn-]$/, expected: 'y, n or -' },
  { field: 'chroot', valid: /^[yn-]$/, expected: 'y, n or -' },
  { field: 'wakeup', valid: /^(-|\d+\??)$/, expected: '-, or a number of seconds with an optional "?"' },
  { field: 'maxproc', valid: /^(-|\d+)$/, expected: '-, or a number (0 = no limit)' },
];

export const syntaxError: Rule = {
  kind: 'line',
  codes: ['syntax-error'],
  line(item) {
    const { line } = item;
    if (item.kind !== 'problem' && line.nulAt === undefined) return undefined;
    const out: Finding[] = [];
    if (item.kind === 'problem' && item.problem !== 'leading-whitespace') {
      const message = item.problem === 'missing-name'
        ? 'Missing parameter name before "=": postconf stops with a fatal error here.'
        : `Missing "=" after "${excerpt(item.name?.text ?? '')}": postconf stops with a fatal error here. A main.cf line is "name = value".`;
      out.push({ code: 'syntax-error', file: 'main', start: line.start, end: line.pieces[0].end, message });
    }
    if (line.nulAt !== undefined) out.push(nul('main', line.nulAt));
    return out;
  },
  rest: {
    reads: 'master',
    check({ config }) {
      const out: Finding[] = [];
      for (const item of config.master.items) {
        if (item.kind === 'problem') {
          if (item.problem !== 'field-count') continue;
          const { line } = item;
          out.push({
            code: 'syntax-error', file: 'master', start: line.start, end: line.pieces[0].end,
            message: `Bad field count: a master.cf entry needs 8 fields (service type private unpriv chroot wakeup maxproc command), this one has ${item.args.length}. Every postconf command fails on it.`,
          });
          continue;
        }
        const fields = item.fields;
        for (const { field, valid, expected } of FIELD_RULES) {
          const arg = fields[field];
          if (valid.test(arg.text)) continue;
          out.push({
            code: 'syntax-error', file: 'master', start: arg.start, end: arg.end,
            message: `Invalid ${field} field "${excerpt(arg.text)}": expected ${expected}. Every postconf command fails on it.`,
          });
        }
      }
      for (const line of config.master.lines) if (line.nulAt !== undefined) out.push(nul('master', line.nulAt));
      return out;
    },
  },
};

function nul(file: FileKind, at: number): Finding {
  return {
    code: 'syntax-error', severity: 'warning', file, start: at, end: at + 1,
    message: 'NUL byte: Postfix ignores the rest of this line.',
  };
}
