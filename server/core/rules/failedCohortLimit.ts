/**
 * failed-cohort-limit: `T_destination_concurrency_failed_cohort_limit` from 1 to 9 on an
 * smtp/lmtp transport that has a rate delay or serves a declared receiver. Measured in
 * the budget lab: with the default of 1, one wave of 421 replies marks the destination
 * dead, and qmgr defers its whole queue ("delivery temporarily suspended"), delivering
 * about one message per retry wave. A limit of 0 (or below) is left alone: qmgr then
 * never marks a destination dead (it tests for a limit above 0).
 *
 * Where a default_* rate delay gives every transport the problem at once (and no receiver
 * is involved), one finding goes to that main.cf line, with the default_* fix, instead of
 * one per transport, most of which may never carry mail.
 */
import { Finding, RelatedPlace } from '../findings';
import { Receiver } from '../model/receivers';
import { receiverBudgets } from '../model/budget';
import { Sourced, TransportLimits, describeSourced } from '../model/transportLimits';
import { Rule } from './types';
import { providerTransports, isOwnSetting, namesOf, uniquePlaces } from './transportScan';

export const RECOMMENDED_COHORT_LIMIT = 10;

const CONSEQUENCE = 'one wave of 421 replies marks the destination dead and defers its whole queue ("delivery temporarily suspended"), about one message per retry wave';

interface Case { t: TransportLimits; delay?: Sourced; receivers: Receiver[] }

export const failedCohortLimit: Rule = {
  kind: 'configuration',
  codes: ['failed-cohort-limit'],
  check({ config, settings }) {
    const out: Finding[] = [];
    const budgets = receiverBudgets(config, settings.receivers);
    const inherited = new Map<object, Case[]>();
    for (const t of providerTransports(config, settings.receivers, true)) {
      if (t.failedCohortLimit >= RECOMMENDED_COHORT_LIMIT || t.failedCohortLimit <= 0) continue;
      const receivers = [...new Set(budgets.filter((b) => b.shares.some((s) => s.limits === t)).map((b) => b.receiver))];
      const delay = t.rateDelaySeconds > 0 ? t.rateDelay : t.transportRateDelaySeconds > 0 ? t.transportRateDelay : undefined;
      if (!delay && !receivers.length) continue;
      const setter = !receivers.length && delay && !isOwnSetting(delay) && !isOwnSetting(t.failedCohort) ? delay.firstSetter : undefined;
      if (setter) inherited.set(setter, [...(inherited.get(setter) ?? []), { t, delay, receivers }]);
      else out.push(perTransport({ t, delay, receivers }));
    }
    for (const cases of inherited.values()) out.push(cases.length > 1 ? perDefault(cases) : perTransport(cases[0]));
    return out;
  },
};

function perTransport({ t, delay, receivers }: Case): Finding {
  const why = [
    ...(delay ? [`has a rate delay (${describeSourced(delay)})`] : []),
    ...(receivers.length ? [`delivers to strict receiver ${receivers.map((r) => `"${r.name}"`).join(', ')}`] : []),
  ].join(' and ');
  const related: RelatedPlace[] = [...t.failedCohort.places, ...(delay ? delay.places : [])];
  for (const r of receivers) if (r.directive) related.push({ file: r.directive.file, start: r.directive.start, end: r.directive.end, message: `@receiver ${r.name}` });
  const own = isOwnSetting(t.failedCohort) ? t.failedCohort.firstPlace : undefined;
  const name = `${t.name}_destination_concurrency_failed_cohort_limit`;
  const at = own ?? { file: 'master' as const, start: t.service.entry.fields.service.start, end: t.service.entry.fields.service.end };
  return {
    code: 'failed-cohort-limit', file: at.file, start: at.start, end: at.end, related,
    message: `"${t.name}" ${why}, and its failed-cohort limit is ${t.failedCohortLimit} (${describeSourced(t.failedCohort)}): ${CONSEQUENCE}. Set ${name} = ${RECOMMENDED_COHORT_LIMIT} in main.cf (0 never marks a destination dead).`,
    data: { transport: t.name, name },
  };
}

/** One default_* rate delay line that gives several transports the problem. */
function perDefault(cases: Case[]): Finding {
  const { delay, t } = cases[0];
  const at = delay!.firstPlace!;
  const name = 'default_destination_concurrency_failed_cohort_limit';
  return {
    code: 'failed-cohort-limit', file: at.file, start: at.start, end: at.end,
    related: uniquePlaces(cases.flatMap((c) => c.t.failedCohort.places)),
    message: `This rate delay applies to ${namesOf(cases.map((c) => c.t))}, whose failed-cohort limit is ${t.failedCohortLimit} (${t.failedCohort.via[t.failedCohort.via.length - 1] ?? name}): ${CONSEQUENCE}. Set ${name} = ${RECOMMENDED_COHORT_LIMIT} in main.cf (0 never marks a destination dead).`,
    data: { transports: cases.map((c) => c.t.name), name },
  };
}
