/**
 * rate-delay-concurrency: a concurrency limit above 1 set for transports that all have a
 * non-zero rate delay. With a rate delay qmgr delivers one message at a time per
 * destination, so the limit is dead configuration.
 */
import { Finding } from '../findings';
import { showCount } from '../model/quantities';
import { describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { deliveryTransports, groupByLine } from './transportScan';

export const rateDelayConcurrency: Rule = {
  codes: ['rate-delay-concurrency'],
  check({ config }) {
    const out: Finding[] = [];
    const transports = deliveryTransports(config);
    for (const { place, transports: fed } of groupByLine(transports, 'concurrency').values()) {
      if (!fed.every((t) => t.rateDelaySeconds > 0 && t.concurrencyLimit > 1)) continue;
      const names = fed.map((t) => `"${t.name}"`).join(', ');
      const first = fed[0];
      out.push({
        code: 'rate-delay-concurrency', severity: 'information', file: place.file, start: place.start, end: place.end,
        message: `A rate delay makes qmgr deliver one message at a time per destination for ${names} (${describeSourced(first.rateDelay)}), so this concurrency limit of ${showCount(first.concurrencyLimit)} has no effect.`,
        related: fed.flatMap((t) => t.rateDelay.places),
        data: { transports: fed.map((t) => t.name) },
      });
    }
    return out;
  },
};
