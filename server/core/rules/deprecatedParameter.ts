/**
 * deprecated-parameter: a name the target release's postconf warns about on every run
 * ("support for parameter ... will be removed"): it is in that release's deprecation table
 * (3.9 and later have one) and the release still reads it, by itself or because a default
 * or a `$reference` uses it. A deprecated name the release no longer reads at all gets
 * postconf's other warning ("has been removed"), which unknown-parameter and
 * version-mismatch report with the same replacement. The finding carries the replacement
 * (if there is one) for the quick-fix.
 */
import { Finding } from '../findings';
import { deprecation } from '../kb/knowledgeBase';
import { Configuration, FileKind } from '../model/configuration';
import { deprecationAdvice } from '../model/deprecations';
import { MasterEntry } from '../syntax/masterCf';
import { Token } from '../syntax/mainCf';
import { Rule } from './types';

export const deprecatedParameter: Rule = {
  kind: 'line',
  codes: ['deprecated-parameter'],
  line(item, { config }) {
    if (item.kind !== 'entry' || !config.names.isKnownInMain(item.name.text)) return undefined;
    const found = report(config, 'main', item.name);
    return found && [found];
  },
  rest: {
    reads: 'configuration',
    check({ config }) {
      const out: Finding[] = [];
      for (const entry of config.master.entries) {
        for (const option of entry.options) {
          if (option.form === 'missing-equals' || !known(config, option.name.text, entry)) continue;
          const found = report(config, 'master', option.name);
          if (found) out.push(found);
        }
      }
      return out;
    },
  },
};

const known = (config: Configuration, name: string, service: MasterEntry): boolean => config.names.isKnownInService(name, service);

function report(config: Configuration, file: FileKind, name: Token): Finding | undefined {
  const entry = deprecation(name.text, config.release);
  if (!entry) return undefined;
  return {
    code: 'deprecated-parameter', file, start: name.start, end: name.end, deprecated: true,
    message: `"${name.text}" is deprecated: Postfix ${config.release.name} warns that support for it will be removed; ${deprecationAdvice(entry)}.`,
    data: { name: name.text, replacement: entry.replacement ?? null },
  };
}
