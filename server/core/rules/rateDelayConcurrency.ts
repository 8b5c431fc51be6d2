/**
 * rate-delay-concurrency: a concurrency limit above 1 set for transports that all have a
 * non-zero rate delay. With a destination rate delay qmgr delivers one message at a time
 * per destination, and with a transport rate delay (Postfix 3.1+) one at a time over the
 * whole transport, so the limit is dead configuration.
 */
import { Finding } from '../findings';
import { showCount } from '../model/quantities';
import { TransportLimits, describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { providerTransports, groupByLine, namesOf, uniquePlaces } from './transportScan';

export const rateDelayConcurrency: Rule = {
  kind: 'configuration',
  codes: ['rate-delay-concurrency'],
  check({ config, settings }) {
    const out: Finding[] = [];
    const transports = providerTransports(config, settings.receivers);
    for (const { place, transports: fed } of groupByLine(config, transports, 'concurrency').values()) {
      if (!fed.every((t) => delayed(t) && t.concurrencyLimit > 1)) continue;
      const names = namesOf(fed);
      const first = fed[0];
      const perDestination = fed.every((t) => t.rateDelaySeconds > 0);
      const delay = perDestination ? first.rateDelay : first.transportRateDelaySeconds > 0 ? first.transportRateDelay : first.rateDelay;
      const scope = perDestination ? 'per destination' : 'over the whole transport';
      out.push({
        code: 'rate-delay-concurrency', file: place.file, start: place.start, end: place.end,
        message: `A rate delay makes qmgr deliver one message at a time ${scope} for ${names} (${describeSourced(delay)}), so this concurrency limit of ${showCount(first.concurrencyLimit)} has no effect.`,
        // One note per line: a default_* line feeds every transport the same delay.
        related: uniquePlaces(fed.flatMap((t) => [...t.rateDelay.places, ...t.transportRateDelay.places])),
        data: { transports: fed.map((t) => t.name) },
      });
    }
    return out;
  },
};

/** A destination or transport rate delay: either one makes a limit above 1 moot. */
const delayed = (t: TransportLimits): boolean => t.rateDelaySeconds > 0 || t.transportRateDelaySeconds > 0;
