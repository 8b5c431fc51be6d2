/**
 * scope-mismatch: an -o option the service's program never reads, such as smtp_* on an
 * smtpd service or smtpd_* on the smtp client. master(8) passes it along and the daemon
 * ignores it, so the setting silently does nothing. The same for a parameter only master
 * uses, from main.cf (`-o default_process_limit=5` leaves that service's "-" maxproc
 * as main.cf says). Queue-manager parameters are left to qmgr-parameter-in-service.
 */
import { Finding } from '../findings';
import { counterpartFor, describeReaders, isQmgrParameter, masterOnlyReader, programReads } from '../model/scope';
import { Rule } from './types';

export const scopeMismatch: Rule = {
  kind: 'master',
  codes: ['scope-mismatch'],
  check({ config }) {
    const out: Finding[] = [];
    for (const service of config.services) {
      for (const option of service.entry.options) {
        const name = option.name.text;
        if (option.form === 'missing-equals' || !name || isQmgrParameter(name)) continue;
        const master = masterOnlyReader(name);
        if (master) {
          out.push({
            code: 'scope-mismatch', file: 'master', start: option.name.start, end: option.name.end,
            message: `"${name}" is used by ${master}; an -o on "${service.name}" has no effect. Set this service's maxproc field instead.`,
            data: { name, service: service.name, program: service.program },
          });
          continue;
        }
        if (programReads(service.program, name) !== false) continue;
        const counterpart = counterpartFor(name, service.program);
        const hint = counterpart ? ` Did you mean "${counterpart}"?` : '';
        out.push({
          code: 'scope-mismatch', file: 'master', start: option.name.start, end: option.name.end,
          message: `"${name}" is read by ${describeReaders(name)}, but "${service.name}" runs ${service.program}: this -o has no effect.${hint}`,
          data: { name, service: service.name, program: service.program, counterpart },
        });
      }
    }
    return out;
  },
};
