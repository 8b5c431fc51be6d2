/**
 * receiver-directive: a `# @receiver` comment that cannot be read as written: no name,
 * an unknown key, a bad number, a missing cap or transport list, a second receiver of
 * the same name, or a transport that is not an smtp/lmtp service in master.cf.
 */
import { Finding } from '../findings';
import { receiverDirectives } from '../model/receivers';
import { Rule } from './types';
import { nonDeliveringService } from './transportNotOutbound';

export const receiverDirective: Rule = {
  codes: ['receiver-directive'],
  check({ config }) {
    const out: Finding[] = [];
    const push = (p: { file: 'main' | 'master'; start: number; end: number }, message: string): void =>
      void out.push({ code: 'receiver-directive', severity: 'warning', file: p.file, start: p.start, end: p.end, message });
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
