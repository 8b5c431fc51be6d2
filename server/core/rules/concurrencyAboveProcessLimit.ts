/**
 * concurrency-above-process-limit: a per-destination concurrency limit set for a transport
 * (`T_destination_concurrency_limit`) above its process limit (maxproc). All destinations
 * of a transport share its processes, so maxproc is the real cap and the larger limit
 * never takes effect. A limit inherited from default_destination_concurrency_limit is left
 * alone: there the small maxproc is the transport's own, deliberate cap (an amavis scan
 * service), and nothing needs changing.
 */
import { Finding } from '../findings';
import { showCount } from '../model/quantities';
import { TransportLimits, describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { providerTransports, isOwnSetting } from './transportScan';

const above = (t: TransportLimits): boolean =>
  t.rateDelaySeconds <= 0 && t.transportRateDelaySeconds <= 0 && Number.isFinite(t.concurrencyLimit) && Number.isFinite(t.processLimit) && t.concurrencyLimit > t.processLimit;

export const concurrencyAboveProcessLimit: Rule = {
  kind: 'configuration',
  codes: ['concurrency-above-process-limit'],
  check({ config, settings }) {
    const out: Finding[] = [];
    for (const t of providerTransports(config, settings.receivers)) {
      if (!isOwnSetting(t.concurrency) || !above(t)) continue;
      const field = t.maxprocField;
      const maxproc = `maxproc ${field.text}${t.processDefault ? ` (default_process_limit ${showCount(t.processLimit)})` : ''}`;
      const place = t.concurrency.firstPlace!;
      out.push({
        code: 'concurrency-above-process-limit', file: place.file, start: place.start, end: place.end,
        message: `"${t.name}" allows ${showCount(t.concurrencyLimit)} deliveries per destination (${describeSourced(t.concurrency)}) but runs at most ${showCount(t.processLimit)} processes (${maxproc}): the process limit is the real cap.`,
        related: [{ file: 'master', start: field.start, end: field.end, message: `${t.name} ${maxproc}` }, ...t.concurrency.places],
        data: { transport: t.name },
      });
    }
    return out;
  },
};
