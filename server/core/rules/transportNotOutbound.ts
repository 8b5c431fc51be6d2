/**
 * transport-not-outbound: delivery settings for something that does not deliver.
 * - main.cf `<name>_destination_*` / `<name>_initial_destination_concurrency` where
 *   <name> is a master.cf service whose program accepts mail or is internal (smtpd, ...):
 *   qmgr never schedules deliveries through it (postconf also calls the name unused);
 * - a transport reference (default_transport, relay_transport, content_filter, ...) or a
 *   receiver's transports= naming such a service: a throttle transport declared as
 *   `inet ... smtpd` instead of `unix ... smtp`.
 */
import { Finding } from '../findings';
import { isBuiltin } from '../kb/knowledgeBase';
import { ValueText } from '../syntax/mainCf';
import type { Configuration } from '../model/configuration';
import { qmgrSuffixOf } from '../model/scope';
import { Service, isDeliveryAgent } from '../model/services';
import { receiverDirectives } from '../model/receivers';
import { Rule } from './types';

/** Parameters whose value is `transport[:nexthop]`. */
const TRANSPORT_PARAMETERS = new Set([
  'default_transport', 'relay_transport', 'local_transport', 'virtual_transport', 'content_filter',
  'fallback_transport', 'mailbox_transport', 'address_verify_default_transport',
  'address_verify_relay_transport', 'address_verify_local_transport', 'address_verify_virtual_transport',
]);

/** The services named `name` when none of them delivers mail and some accept or are internal. */
export function nonDeliveringService(config: Configuration, name: string): Service | undefined {
  const same = config.servicesNamed(name);
  if (!same.length || same.some((s) => isDeliveryAgent(s.role) || s.role === 'other')) return undefined;
  return same[same.length - 1];
}

export function describeNonDelivering(s: Service): string {
  const what = s.role === 'inbound' ? 'accepts mail, it does not deliver it' : 'is an internal Postfix service, not a delivery agent';
  return `"${s.name}" runs ${s.program} (${s.type}): it ${what}. A delivery transport is declared as "${s.name} unix - - n - N smtp".`;
}

type At = { file: 'main' | 'master'; start: number; end: number };

export const transportNotOutbound: Rule = {
  kind: 'line',
  codes: ['transport-not-outbound'],
  line(entry, { config }) {
    if (entry.kind !== 'entry') return undefined;
    const name = entry.name.text;
    // A built-in name is never `<service>_<suffix>`, as postconf decides: smtpd_recipient_limit
    // is smtpd's own limit even when a service is named "smtpd" (the postscreen hand-off).
    const suffix = isBuiltin(name, config.release) ? undefined : qmgrSuffixOf(name);
    const owner = suffix && name.slice(0, name.length - suffix.length);
    const service = owner ? nonDeliveringService(config, owner) : undefined;
    if (service) return [finding({ file: 'main', start: entry.name.start, end: entry.name.end }, service, `"${name}" has no effect: qmgr never delivers through "${owner}".`)];
    const found = checkReference(config, { file: 'main', name, value: entry.value });
    return found && [found];
  },
  rest: {
    reads: 'configuration',
    check({ config }) {
      const out: Finding[] = [];
      for (const entry of config.master.entries) {
        for (const option of entry.options) {
          const found = checkReference(config, { file: 'master', name: option.name.text, value: option.value });
          if (found) out.push(found);
        }
      }
      for (const directive of receiverDirectives(config)) {
        for (const t of directive.transports) {
          const service = nonDeliveringService(config, t.text);
          if (service) out.push(finding(t, service, `Receiver transport "${t.text}" opens no outbound sessions.`));
        }
      }
      return out;
    },
  },
};

function checkReference(config: Configuration, { file, name, value }: { file: 'main' | 'master'; name: string; value: ValueText }): Finding | undefined {
  if (!TRANSPORT_PARAMETERS.has(name) || value.text.includes('$')) return undefined;
  const transport = /^[^:\s]+/.exec(value.text)?.[0];
  const service = transport ? nonDeliveringService(config, transport) : undefined;
  return service && finding({ file, start: value.start, end: value.start + transport!.length }, service, `${name} sends mail to "${transport}", which cannot deliver it.`);
}

function finding(at: At, service: Service, lead: string): Finding {
  return {
    code: 'transport-not-outbound', file: at.file, start: at.start, end: at.end,
    message: `${lead} ${describeNonDelivering(service)}`,
    related: [{ file: 'master', start: service.entry.fields.service.start, end: service.entry.fields.command.end, message: `${service.name} ${service.type} ... ${service.program}` }],
    data: { service: service.name },
  };
}
