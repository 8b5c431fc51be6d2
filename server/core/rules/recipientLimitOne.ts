/**
 * recipient-limit-one: `T_destination_recipient_limit = 1` on an smtp/lmtp transport that
 * serves a declared receiver, or that has a per-destination concurrency limit or a rate
 * delay. With a recipient limit of 1 qmgr treats each recipient as its own destination,
 * so those limits apply per recipient and bound nothing a receiver sees: its peak is the
 * transport's maxproc (measured in the budget lab: 30 sessions with maxproc 30 and no
 * concurrency limit set).
 */
import { Finding, RelatedPlace } from '../findings';
import { receiverBudgets } from '../model/budget';
import { showCount } from '../model/quantities';
import { describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { providerTransports } from './transportScan';

export const recipientLimitOne: Rule = {
  kind: 'configuration',
  codes: ['recipient-limit-one'],
  check({ config, settings }) {
    const out: Finding[] = [];
    const budgets = receiverBudgets(config, settings.receivers);
    for (const t of providerTransports(config, settings.receivers, true)) {
      const place = t.recipient.firstPlace;
      if (t.recipientLimit !== 1 || !place) continue;
      const limits = [
        ...(t.rateDelaySeconds > 0 ? [describeSourced(t.rateDelay)] : []),
        ...(t.concurrency.placed && Number.isFinite(t.concurrencyLimit) ? [describeSourced(t.concurrency)] : []),
      ];
      const receivers = [...new Set(budgets.filter((b) => b.shares.some((s) => s.limits === t)).map((b) => b.receiver))];
      if (!limits.length && !receivers.length) continue;
      const applies = limits.length ? `, so ${limits.join(' and ')} applies per recipient, not per domain` : '';
      const n = Math.min(t.processLimit, t.transportCap);
      const peak = `${showCount(n)} session${n === 1 ? '' : 's'} at once (its ${t.transportCap < t.processLimit ? 'transport rate delay' : 'maxproc'})`;
      const who = receivers.length
        ? `receiver ${receivers.map((r) => `"${r.name}"`).join(', ')} can get up to ${peak} from it`
        : `a provider with many recipients in the queue can still get up to ${peak}`;
      const related: RelatedPlace[] = [...t.rateDelay.places, ...t.concurrency.places];
      for (const r of receivers) if (r.directive) related.push({ file: r.directive.file, start: r.directive.start, end: r.directive.end, message: `@receiver ${r.name}` });
      out.push({
        code: 'recipient-limit-one', file: place.file, start: place.start, end: place.end,
        message: `With a recipient limit of 1, qmgr makes every recipient of "${t.name}" its own destination${applies}: ${who}.`,
        related,
        data: { transport: t.name },
      });
    }
    return out;
  },
};
