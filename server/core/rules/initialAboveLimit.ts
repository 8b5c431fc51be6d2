/**
 * initial-above-limit: `T_initial_destination_concurrency` set above the transport's
 * `T_destination_concurrency_limit`. qmgr never goes past the limit, so the initial value
 * promises a burst that does not happen; against a strict receiver, keep it at or below
 * the limit (the lab saw an initial burst of 5 draw 421 replies at once).
 */
import { Finding } from '../findings';
import { describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { providerTransports, groupByLine, withoutRateDelay } from './transportScan';

export const initialAboveLimit: Rule = {
  kind: 'configuration',
  codes: ['initial-above-limit'],
  check({ config, settings }) {
    const out: Finding[] = [];
    const transports = withoutRateDelay(config, providerTransports(config, settings.receivers));
    for (const { place, transports: fed } of groupByLine(config, transports, 'initial').values()) {
      // A negative limit stops the transport altogether (negative-concurrency-limit says so).
      if (!fed.every((t) => t.initialConcurrency > t.concurrencyLimit && t.concurrencyLimit > 0)) continue;
      const limits = fed.map((t) => `${t.name}: ${describeSourced(t.concurrency)}`).join('; ');
      out.push({
        code: 'initial-above-limit', file: place.file, start: place.start, end: place.end,
        message: `The initial concurrency ${fed[0].initialConcurrency} is above the destination concurrency limit (${limits}); qmgr starts at the limit instead.`,
        related: fed.flatMap((t) => t.concurrency.places),
        data: { transports: fed.map((t) => t.name) },
      });
    }
    return out;
  },
};
