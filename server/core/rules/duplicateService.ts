/**
 * duplicate-service: two master.cf entries for the same service. master(8) warns
 * "duplicate master.cf entry for service ... -- using the last entry" and ignores the
 * earlier ones; postconf says nothing and lists both. The key is master's, checked with
 * a real master(8) 3.7.11: type and name, where an inet port name equals its number
 * (`smtp inet` = `25 inet`) and a unix service's private flag picks its socket
 * (`a unix -` and `a unix n` are two services).
 *
 * Reported on each ignored entry (faded), pointing at the entry master(8) uses.
 */
import { Finding } from '../findings';
import { endpointKey } from '../model/masterFields';
import { MasterEntry } from '../syntax/masterCf';
import { Rule } from './types';

export const duplicateService: Rule = {
  kind: 'master',
  codes: ['duplicate-service'],
  check({ config }) {
    const out: Finding[] = [];
    const last = new Map<string, MasterEntry>();
    for (const entry of config.master.entries) last.set(endpointKey(entry), entry);
    for (const entry of config.master.entries) {
      const winner = last.get(endpointKey(entry))!;
      if (winner === entry) continue;
      const { fields } = winner;
      const label = (s: MasterEntry): string => `${s.serviceText}/${s.typeText}`;
      const same = label(winner) === label(entry) ? '' : ` as "${label(winner)}" (the same ${fields.type.text === 'inet' ? 'port' : 'socket'})`;
      out.push({
        code: 'duplicate-service', file: 'master',
        start: entry.line.start, end: entry.line.end, unnecessary: true,
        message: `Service "${label(entry)}" is defined again on line ${winner.line.line + 1}${same}: master(8) uses only the last entry and ignores this one.`,
        related: [{ file: 'master', start: fields.service.start, end: fields.type.end, message: 'The entry master(8) uses' }],
        data: { service: label(entry), line: entry.line.line },
      });
    }
    return out;
  },
};
