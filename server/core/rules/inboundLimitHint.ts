/**
 * inbound-limit-hint: an inbound setting that is often tuned to fix outbound deferrals
 * (421 "too many connections" from a provider), in a configuration that declares a strict
 * receiver. These settings act on systems connecting to this server (smtpd, postscreen,
 * anvil) and never on the sessions this server opens. The message stays short; related
 * information points at what does bound those sessions, and the parameter's hover says it.
 */
import { Finding, RelatedPlace } from '../findings';
import { receiverBudgets } from '../model/budget';
import { INBOUND_LIMITS } from '../model/scope';
import { Rule } from './types';

/** What a name does, for the two that are not limits on clients themselves. */
const WHAT: ReadonlyMap<string, string> = new Map([
  ['anvil_rate_time_unit', 'is the time unit of the inbound rate limits (smtpd_client_*_rate_limit)'],
  ['anvil_status_update_time', 'sets how often anvil logs its inbound statistics'],
]);

/** How many transports' maxproc fields a hint points at. */
const LISTED = 8;

export const inboundLimitHint: Rule = {
  kind: 'configuration',
  codes: ['inbound-limit-hint'],
  check({ config, settings }) {
    const budgets = receiverBudgets(config, settings.receivers);
    if (!budgets.length) return [];
    const receivers = [...new Set(budgets.map((b) => b.receiver))];
    const names = receivers.map((r) => `"${r.name}"`).join(', ');
    // The detail (what does bound the outbound sessions) is in the hover and here.
    const related: RelatedPlace[] = [];
    for (const r of receivers) {
      const d = r.directive;
      if (d) related.push({ file: d.file, start: d.start, end: d.end, message: `receiver "${r.name}": its sessions are bounded by its transports' limits, not by inbound ones` });
    }
    const shares = [...new Set(budgets.flatMap((b) => b.shares))];
    for (const share of shares.slice(0, LISTED)) {
      const field = share.limits.maxprocField;
      related.push({ file: 'master', start: field.start, end: field.end, message: `${share.transport} maxproc ${field.text}: bounds the sessions it opens` });
    }
    const out: Finding[] = [];
    const report = (file: 'main' | 'master', token: { text: string; start: number; end: number }): void => {
      const name = token.text;
      const what = WHAT.get(name) ?? 'applies to the clients that connect to this server';
      out.push({
        code: 'inbound-limit-hint', file, start: token.start, end: token.end,
        message: `"${name}" ${what}; it does not change how many sessions this server opens to ${names}.`,
        related, data: { name },
      });
    };
    for (const entry of config.main.entries) {
      if (INBOUND_LIMITS.has(entry.name.text)) report('main', entry.name);
    }
    for (const entry of config.master.entries) {
      for (const option of entry.options) {
        if (INBOUND_LIMITS.has(option.name.text)) report('master', option.name);
      }
    }
    return out;
  },
};
