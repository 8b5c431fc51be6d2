/**
 * undefined-reference: `$name` where nothing defines name (postconf: "undefined
 * parameter"). Postfix expands it to the empty string, which is rarely what was meant.
 * In main.cf, names set with -o anywhere count as defined; in an -o value, only the
 * same service's -o names do (checked against postconf).
 */
import { excerpt } from '../excerpt';
import { Finding } from '../findings';
import { isRawParameter } from '../kb/knowledgeBase';
import { Configuration, FileKind } from '../model/configuration';
import { suggestionsFor } from '../model/suggestions';
import { ValueText, valueOffsetToDoc } from '../syntax/mainCf';
import { Rule, lineRule } from './types';

const REFERENCE_NAME = /^[A-Za-z0-9_]+$/;

export const undefinedReference: Rule = lineRule({
  codes: ['undefined-reference'],
  mainItem(entry, { config }) {
    if (entry.kind !== 'entry' || !entry.value.refs.length || isRawParameter(entry.name.text)) return undefined;
    return undefinedIn(config, { file: 'main', value: entry.value, defined: (name) => config.names.isDefinedForMain(name) });
  },
  rest({ config }) {
    const out: Finding[] = [];
    for (const service of config.master.services) {
      for (const option of service.options) {
        if (!option.value.refs.length || isRawParameter(option.name.text)) continue;
        out.push(...undefinedIn(config, { file: 'master', value: option.value, defined: (name) => config.names.isDefinedForService(name, service) }));
      }
    }
    return out;
  },
});

/** The findings for the references in one value that `defined` does not know. */
function undefinedIn(config: Configuration, { file, value, defined }: { file: FileKind; value: ValueText; defined: (name: string) => boolean }): Finding[] {
  const out: Finding[] = [];
  for (const ref of value.refs) {
    if (defined(ref.name)) continue;
    // Only names a "$" can refer to: main.cf accepts names like "unix<", a reference stops at "<".
    const suggestions = suggestionsFor(config, ref.name, { ownNames: true }).filter((s) => REFERENCE_NAME.test(s));
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"$${s}"`).join(' or ')}?` : '';
    // As Configuration.references maps them (an empty name included).
    const start = valueOffsetToDoc(value, ref.nameStart);
    const end = valueOffsetToDoc(value, ref.nameEnd - 1) + 1;
    out.push({
      code: 'undefined-reference', severity: 'warning', file, start, end,
      message: `"$${excerpt(ref.name)}" is not defined anywhere, so Postfix replaces it with nothing.${hint}`,
      data: { name: ref.name, suggestions },
    });
  }
  return out;
}
