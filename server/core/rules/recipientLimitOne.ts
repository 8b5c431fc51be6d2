/**
 * recipient-limit-one: `T_destination_recipient_limit = 1` on an smtp/lmtp transport that
 * also has a per-destination concurrency limit or a rate delay. With a recipient limit of
 * 1 qmgr treats each recipient as its own destination, so those limits apply per
 * recipient: a provider with many recipients in the queue still gets many sessions.
 */
import { Finding } from '../findings';
import { describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { deliveryTransports } from './transportScan';

export const recipientLimitOne: Rule = {
  codes: ['recipient-limit-one'],
  check({ config }) {
    const out: Finding[] = [];
    for (const t of deliveryTransports(config, true)) {
      const place = t.recipient.firstPlace;
      if (t.recipientLimit !== 1 || !place) continue;
      const limits = [
        ...(t.rateDelaySeconds > 0 ? [describeSourced(t.rateDelay)] : []),
        ...(t.concurrency.placed && Number.isFinite(t.concurrencyLimit) ? [describeSourced(t.concurrency)] : []),
      ];
      if (!limits.length) continue;
      out.push({
        code: 'recipient-limit-one', severity: 'warning', file: place.file, start: place.start, end: place.end,
        message: `With a recipient limit of 1, qmgr makes every recipient of "${t.name}" its own destination, so ${limits.join(' and ')} applies per recipient, not per domain: a provider with many recipients in the queue can still get many sessions at once.`,
        related: [...t.rateDelay.places, ...t.concurrency.places],
        data: { transport: t.name },
      });
    }
    return out;
  },
};
