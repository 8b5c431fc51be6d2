/**
 * failed-cohort-limit: `T_destination_concurrency_failed_cohort_limit` from 1 to 9 on an
 * smtp/lmtp transport that has a rate delay or serves a declared receiver. Measured in
 * the budget lab: with the default of 1, one wave of 421 replies marks the destination
 * dead, and qmgr defers its whole queue ("delivery temporarily suspended"), delivering
 * about one message per retry wave. A limit of 0 (or below) is left alone: qmgr then
 * never marks a destination dead (it tests for a limit above 0).
 */
import { Finding, RelatedPlace } from '../findings';
import { receiverBudgets } from '../model/budget';
import { describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { deliveryTransports, isOwnSetting } from './transportScan';

export const RECOMMENDED_COHORT_LIMIT = 10;

export const failedCohortLimit: Rule = {
  codes: ['failed-cohort-limit'],
  check({ config, settings }) {
    const out: Finding[] = [];
    const budgets = receiverBudgets(config, settings.receivers);
    for (const t of deliveryTransports(config, true)) {
      if (t.failedCohortLimit >= RECOMMENDED_COHORT_LIMIT || t.failedCohortLimit <= 0) continue;
      const receivers = [...new Set(budgets.filter((b) => b.shares.some((s) => s.limits === t)).map((b) => b.receiver))];
      const delay = t.rateDelaySeconds > 0 ? t.rateDelay : t.transportRateDelaySeconds > 0 ? t.transportRateDelay : undefined;
      if (!delay && !receivers.length) continue;
      const why = [
        ...(delay ? [`has a rate delay (${describeSourced(delay)})`] : []),
        ...(receivers.length ? [`delivers to strict receiver ${receivers.map((r) => `"${r.name}"`).join(', ')}`] : []),
      ].join(' and ');
      const related: RelatedPlace[] = [...t.failedCohort.places, ...(delay ? delay.places : [])];
      for (const r of receivers) if (r.directive) related.push({ file: r.directive.file, start: r.directive.start, end: r.directive.end, message: `@receiver ${r.name}` });
      const own = isOwnSetting(t.failedCohort) ? t.failedCohort.firstPlace : undefined;
      const name = `${t.name}_destination_concurrency_failed_cohort_limit`;
      const at = own ?? { file: 'master' as const, start: t.service.entry.fields.service.start, end: t.service.entry.fields.service.end };
      out.push({
        code: 'failed-cohort-limit', severity: 'warning', file: at.file, start: at.start, end: at.end, related,
        message: `"${t.name}" ${why}, and its failed-cohort limit is ${t.failedCohortLimit} (${describeSourced(t.failedCohort)}): one wave of 421 replies marks the destination dead and defers its whole queue ("delivery temporarily suspended"), about one message per retry wave. Set ${name} = ${RECOMMENDED_COHORT_LIMIT} in main.cf (0 never marks a destination dead).`,
        data: { transport: t.name, name },
      });
    }
    return out;
  },
};
