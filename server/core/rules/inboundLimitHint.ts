/**
 * inbound-limit-hint: an inbound limit that is often tuned to fix outbound deferrals
 * (421 "too many connections" from a provider), in a configuration that declares a strict
 * receiver. These limits act on systems connecting to this server (smtpd, postscreen,
 * anvil) and never on the sessions this server opens.
 */
import { Finding } from '../findings';
import { receiverBudgets } from '../model/budget';
import { Rule } from './types';

export const INBOUND_LIMITS: ReadonlySet<string> = new Set([
  'smtpd_junk_command_limit', 'smtpd_client_connection_count_limit', 'smtpd_client_connection_rate_limit',
  'smtpd_client_message_rate_limit', 'smtpd_client_recipient_rate_limit', 'smtpd_client_new_tls_session_rate_limit',
  'smtpd_client_auth_rate_limit', 'smtpd_client_event_limit_exceptions', 'smtpd_recipient_limit',
  'smtpd_recipient_overshoot_limit', 'smtpd_soft_error_limit', 'smtpd_hard_error_limit', 'smtpd_error_sleep_time',
  'smtpd_timeout', 'anvil_rate_time_unit', 'anvil_status_update_time', 'postscreen_client_connection_count_limit',
]);

export const inboundLimitHint: Rule = {
  kind: 'configuration',
  codes: ['inbound-limit-hint'],
  check({ config, settings }) {
    const budgets = receiverBudgets(config, settings.receivers);
    if (!budgets.length) return [];
    const receivers = budgets.map((b) => `"${b.receiver.name}"`).join(', ');
    const out: Finding[] = [];
    const report = (file: 'main' | 'master', token: { text: string; start: number; end: number }): void => {
      const name = token.text;
      out.push({
        code: 'inbound-limit-hint', file, start: token.start, end: token.end,
        message: `"${name}" is an inbound limit: it applies to systems that connect to this server and does not change how many sessions this server opens to ${receivers}. Outbound sessions are bounded by the transport's maxproc, <transport>_destination_concurrency_limit, <transport>_destination_rate_delay, <transport>_transport_rate_delay (one delivery at a time over the whole transport, the simplest control) and connection caching.`,
        data: { name },
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
