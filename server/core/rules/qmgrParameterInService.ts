/**
 * qmgr-parameter-in-service: a queue-manager parameter (`*_destination_concurrency_limit`,
 * `*_destination_rate_delay`, `default_destination_*`, ...) set with -o on a service
 * other than qmgr. Only qmgr reads these, so the option changes nothing; the transport's
 * own per-transport name belongs in main.cf.
 */
import { Finding } from '../findings';
import { isQmgrParameter, qmgrSuffixOf } from '../model/scope';
import { isDeliveryAgent } from '../model/services';
import { Rule } from './types';

const QMGR_PROGRAMS = new Set(['qmgr', 'nqmgr', 'oqmgr']);

export const qmgrParameterInService: Rule = {
  kind: 'master',
  codes: ['qmgr-parameter-in-service'],
  check({ config }) {
    const out: Finding[] = [];
    for (const service of config.services) {
      if (QMGR_PROGRAMS.has(service.program)) continue;
      for (const option of service.entry.options) {
        const name = option.name.text;
        if (option.form === 'missing-equals' || !name || !isQmgrParameter(name)) continue;
        const target = mainCfName(name, service.name, isDeliveryAgent(service.role));
        const where = target ? ` Set "${target} = ${option.value.text}" in main.cf instead.` : '';
        out.push({
          code: 'qmgr-parameter-in-service', file: 'master', start: option.name.start, end: option.name.end,
          message: `"${name}" is a queue-manager parameter: only qmgr reads it, so this -o on "${service.name}" has no effect.${where}`,
          data: { name, service: service.name, target },
        });
      }
    }
    return out;
  },
};

/**
 * The main.cf name that does what the option meant on a delivery service: that transport's
 * own per-transport name, whatever the option was called (`-o smtp_destination_rate_delay=1s`
 * or `-o default_destination_rate_delay=1s` on orange -> `orange_destination_rate_delay`).
 * Writing the option's own name would change another transport (the default smtp one) and
 * leave this one as it was. A service that delivers nothing has no such name.
 */
export function mainCfName(name: string, service: string, delivers: boolean): string | undefined {
  const suffix = qmgrSuffixOf(name) ?? (name === 'initial_destination_concurrency' ? '_initial_destination_concurrency' : undefined);
  return suffix && delivers ? `${service}${suffix}` : undefined;
}
