/**
 * version-mismatch: a name that postconf of the target release (`postfix.version`) does
 * not know, although other releases do: it was added later, removed earlier, or exists
 * only in some patch releases (backports). That release reports it as an unused
 * parameter and ignores it, like any unknown name; unknown-parameter leaves these names
 * to this rule so the message can say which releases have it. A name the release's
 * postconf calls removed ("support for parameter ... has been removed") gets its advice.
 */
import { Finding } from '../findings';
import { RELEASES, deprecation, isBuiltinSomewhere, paramFacts } from '../kb/knowledgeBase';
import { deprecationAdvice } from '../model/deprecations';
import { Configuration, FileKind } from '../model/configuration';
import { Token } from '../syntax/mainCf';
import { Rule } from './types';

export const versionMismatch: Rule = {
  kind: 'line',
  codes: ['version-mismatch'],
  line(item, { config }) {
    if (item.kind !== 'entry' || config.names.isKnownInMain(item.name.text)) return undefined;
    const found = report(config, 'main', item.name);
    return found && [found];
  },
  rest: {
    reads: 'configuration',
    check({ config }) {
      const out: Finding[] = [];
      for (const entry of config.master.entries) {
        for (const option of entry.options) {
          if (option.form === 'missing-equals' || !option.name.text) continue;
          if (config.names.isKnownInService(option.name.text, entry)) continue;
          const found = report(config, 'master', option.name);
          if (found) out.push(found);
        }
      }
      return out;
    },
  },
};

/** The finding for a name the target release lacks and another has. */
function report(config: Configuration, file: FileKind, name: Token): Finding | undefined {
  if (!isBuiltinSomewhere(name.text)) return undefined;
  const releases = releasesText(paramFacts(name.text)!.builtin);
  const removed = deprecation(name.text, config.release);
  const instead = removed ? ` It was deprecated and then removed: ${deprecationAdvice(removed)}.` : ' If your server runs another release, set postfix.version.';
  return {
    code: 'version-mismatch', file, start: name.start, end: name.end,
    message: `Postfix ${config.release.name}, the release checked against, does not have "${name.text}" (known to Postfix ${releases}): it reports the parameter as unused and ignores it.${instead}`,
    data: { name: name.text, releases, ...(removed ? { replacement: removed.replacement ?? null } : {}) },
  };
}

/**
 * The releases set in a mask, as runs: "from 3.9.0 on", "3.5.0 to 3.6.20",
 * "3.5.27, 3.6.20 and from 3.8.20 on".
 */
export function releasesText(mask: number): string {
  const runs: [number, number][] = [];
  for (let i = 0; i < RELEASES.length; i++) {
    if (!(mask & (1 << i))) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  const words = runs.map(([a, b]) => {
    if (b === RELEASES.length - 1) return `from ${RELEASES[a]} on`;
    return a === b ? RELEASES[a] : `${RELEASES[a]} to ${RELEASES[b]}`;
  });
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0] ?? 'no release';
}
