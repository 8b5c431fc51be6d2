/**
 * deprecated-parameter: a name in the deprecation table that postconf of Postfix 3.9 and
 * later warns about on every run ("support for parameter ... will be removed"). Reported
 * only when the target release is 3.9 or newer; older releases accept the names silently.
 * The finding carries the replacement (if there is one) for the quick-fix.
 */
import { Finding } from '../findings';
import { Release, deprecation } from '../kb/knowledgeBase';
import { Configuration, FileKind } from '../model/configuration';
import { Token } from '../syntax/mainCf';
import { Rule, lineRule } from './types';

/** The first release whose postconf warns about deprecated parameters. */
const WARNS_FROM = { major: 3, minor: 9 };

export function warnsAboutDeprecation(release: Release): boolean {
  return release.major > WARNS_FROM.major || (release.major === WARNS_FROM.major && release.minor >= WARNS_FROM.minor);
}

export const deprecatedParameter: Rule = lineRule({
  codes: ['deprecated-parameter'],
  masterOnly: true,
  mainItem(item, { config }) {
    const found = item.kind === 'entry' ? report(config, 'main', item.name) : undefined;
    return found && [found];
  },
  rest({ config }) {
    const out: Finding[] = [];
    for (const service of config.master.services) {
      for (const option of service.options) {
        const found = option.form !== 'missing-equals' ? report(config, 'master', option.name) : undefined;
        if (found) out.push(found);
      }
    }
    return out;
  },
});

function report(config: Configuration, file: FileKind, name: Token): Finding | undefined {
  if (!warnsAboutDeprecation(config.release)) return undefined;
  const entry = deprecation(name.text);
  if (!entry) return undefined;
  const instead = entry.replacement
    ? `use "${entry.replacement}" instead (https://www.postfix.org/postconf.5.html#${entry.replacement}).`
    : 'it has no replacement: remove it and let Postfix use its built-in behaviour.';
  return {
    code: 'deprecated-parameter', severity: 'warning', file, start: name.start, end: name.end, deprecated: true,
    message: `"${name.text}" is deprecated: Postfix ${config.release.major}.${config.release.minor} warns that support for it will be removed; ${instead}`,
    data: { name: name.text, replacement: entry.replacement },
  };
}
