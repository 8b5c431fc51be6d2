/**
 * receiver-directive: a `# @receiver` comment that cannot be read as written: no name,
 * an unknown key, a bad number, a missing cap or transport list, a second receiver of
 * the same name, a transport that is not an smtp/lmtp service in master.cf, or
 * fallback=yes where none of the transports has a fallback relay.
 */
import { Finding } from '../findings';
import { outboundService } from '../model/budget';
import { receiverDirectives } from '../model/receivers';
import { transportLimits } from '../model/transportLimits';
import { Rule } from './types';
import { nonDeliveringService } from './transportNotOutbound';

export const receiverDirective: Rule = {
  kind: 'configuration',
  codes: ['receiver-directive'],
  check({ config }) {
    const out: Finding[] = [];
    const push = (p: { file: 'main' | 'master'; start: number; end: number }, message: string): void =>
      void out.push({ code: 'receiver-directive', file: p.file, start: p.start, end: p.end, message });
    const seen = new Map<string, { file: 'main' | 'master'; start: number; end: number }>();
    for (const directive of receiverDirectives(config)) {
      for (const problem of directive.problems) push(problem, problem.message);
      const name = directive.name;
      if (name) {
        const first = seen.get(name.text);
        if (first) push(name, `Receiver "${name.text}" is declared twice; this declaration is ignored.`);
        else seen.set(name.text, name);
      }
      if (!config.hasMaster) continue;
      const fallback = directive.keys.get('fallback');
      if (fallback && /^yes$/i.test(fallback.value.text)) {
        const services = directive.transports.map((t) => outboundService(config, t.text)).filter((s) => s !== undefined);
        const relays = services.map((s) => transportLimits(config, s).client.fallbackRelay);
        if (services.length && relays.every((r) => !r.value)) {
          push(fallback.pair, `fallback=yes, but ${relays.map((r) => r.name).filter((n, i, all) => all.indexOf(n) === i).join(' and ')} is empty for ${services.map((s) => `"${s.name}"`).join(', ')}: no delivery falls back to this receiver.`);
        }
      }
      for (const t of directive.transports) {
        const same = config.servicesNamed(t.text);
        if (!same.length) push(t, `No master.cf service is named "${t.text}": it adds nothing to this receiver's budget.`);
        else if (!same.some((s) => s.role === 'outbound') && !nonDeliveringService(config, t.text)) {
          push(t, `"${t.text}" runs ${same[same.length - 1].program}, not the smtp/lmtp client: it opens no SMTP sessions and is not counted.`);
        }
      }
    }
    return out;
  },
};
