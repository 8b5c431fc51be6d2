/**
 * The core's entry point for checking: runs every enabled rule over one configuration.
 * A rule that throws is reported as one internal finding instead of taking the others
 * (or the server) down with it. A file that is not a Postfix configuration, or one with
 * thousands of problems, gets a short list instead of a flood (see flood.ts).
 */
import { Finding } from './findings';
import { limitFlood } from './flood';
import { Configuration } from './model/configuration';
import { RULES } from './rules';
import { AnalysisSettings } from './settings';

export function analyze(config: Configuration, settings: AnalysisSettings): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.codes.every((code) => settings.disabled.has(code))) continue;
    let found: Finding[];
    try {
      found = rule.check({ config, settings });
    } catch (e) {
      found = [{
        code: 'internal-error', severity: 'information', file: 'main', start: 0, end: 0,
        message: `postfix-lsp: the ${rule.codes.join('/')} check failed (${(e as Error).message}); please report this.`,
      }];
    }
    for (const f of found) if (!settings.disabled.has(f.code)) findings.push(f);
  }
  return limitFlood(findings).filter((f) => !settings.disabled.has(f.code));
}
