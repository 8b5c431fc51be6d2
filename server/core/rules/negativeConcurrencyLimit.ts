/**
 * negative-concurrency-limit: a destination concurrency limit below 0 for a delivery
 * transport with no rate delay. qmgr checks no minimum for this number, so Postfix starts
 * normally, but the transport's queues begin with a negative window and qmgr never starts
 * a delivery on them: the mail stays in the queue (the budget lab saw no session and no
 * delivery). With a destination rate delay qmgr forces the limit to 1, so it delivers.
 */
import { Finding } from '../findings';
import { describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { deliveryTransports, groupByLine } from './transportScan';

export const negativeConcurrencyLimit: Rule = {
  kind: 'configuration',
  codes: ['negative-concurrency-limit'],
  check({ config }) {
    const out: Finding[] = [];
    const transports = deliveryTransports(config);
    if (!transports.some((t) => t.stuck)) return out;
    for (const group of groupByLine(config, transports, 'concurrency').values()) {
      const stuck = group.transports.filter((t) => t.stuck);
      if (!stuck.length) continue;
      const place = group.place;
      const names = stuck.map((t) => `"${t.name}"`).join(', ');
      out.push({
        code: 'negative-concurrency-limit', file: place.file, start: place.start, end: place.end,
        message: `${describeSourced(stuck[0].concurrency)}: Postfix accepts a negative limit, but qmgr then never starts a delivery for ${names}, and its mail stays in the queue. Use 0 for no limit, or a positive number.`,
        data: { transports: stuck.map((t) => t.name) },
      });
    }
    return out;
  },
};
