/**
 * transport-map-unknown-transport: an entry of an `inline:{...}` transport map in main.cf
 * names a transport that master.cf does not define: trivial-rewrite hands the mail to a
 * service qmgr cannot reach, and it stays deferred ("mail transport unavailable"). Entries
 * of map files are checked in the map file itself (maps/).
 */
import { Finding } from '../findings';
import { splitList, splitTransport } from '../model/routing';
import { inlineTable, splitTableSpec } from '../model/tables';
import { valueRange } from '../syntax/mainCf';
import { Rule } from './types';

export const transportMapTransport: Rule = {
  kind: 'configuration',
  codes: ['transport-map-unknown-transport'],
  check({ config }) {
    const entry = config.mainEntry('transport_maps');
    if (!entry || !config.hasMaster) return [];
    const out: Finding[] = [];
    const raw = entry.value.text;
    let from = 0;
    for (const item of splitList(raw)) {
      const at = raw.indexOf(item, from);
      from = at + item.length;
      const parts = splitTableSpec(item);
      if (parts?.type !== 'inline' || item.includes('$')) continue;
      const table = inlineTable(parts.name);
      if (!table?.entries) continue;
      for (const [key, value] of table.entries()) {
        const { transport } = splitTransport(value);
        if (!transport || config.servicesNamed(transport).length) continue;
        // The value's place: the first "=" followed by it after the key, inside this item.
        const m = new RegExp(`=\\s*(${transport.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?=[:,}\\s]|$)`).exec(item.slice(item.toLowerCase().indexOf(key) + key.length));
        if (!m) continue;
        const start = at + item.toLowerCase().indexOf(key) + key.length + m.index + m[0].length - m[1].length;
        out.push({
          code: 'transport-map-unknown-transport', file: 'main', ...valueRange(entry.value, start, start + transport.length),
          message: `No master.cf service is named "${transport}": mail for ${key} would stay deferred ("mail transport unavailable").`,
          data: { transport, key },
        });
      }
    }
    return out;
  },
};
