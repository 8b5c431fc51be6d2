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
import { ValueRef, ValueText, valueOffsetToDoc } from '../syntax/mainCf';
import { Rule } from './types';

const REFERENCE_NAME = /^[A-Za-z0-9_]+$/;

export const undefinedReference: Rule = {
  kind: 'line',
  codes: ['undefined-reference'],
  line(entry, ctx) {
    if (entry.kind !== 'entry' || !entry.value.refs.length || isRawParameter(entry.name.text)) return undefined;
    let out: Finding[] | undefined;
    for (const ref of entry.value.refs) {
      if (ctx.config.names.isDefinedForMain(ref.name)) continue;
      // Did-you-mean reads the names of the whole configuration.
      ctx.readsWholeConfiguration();
      (out ??= []).push(undefinedFinding(ctx.config, 'main', entry.value, ref));
    }
    return out;
  },
  rest: {
    reads: 'configuration',
    check({ config }) {
      // No objects for the references that resolve: a 10,000-service master.cf has as many
      // -o values with a $name, and this runs on every keystroke.
      const out: Finding[] = [];
      for (const entry of config.master.entries) {
        for (const option of entry.options) {
          const refs = option.value.refs;
          if (!refs.length || isRawParameter(option.name.text)) continue;
          for (const ref of refs) {
            if (!config.names.isDefinedForService(ref.name, entry)) out.push(undefinedFinding(config, 'master', option.value, ref));
          }
        }
      }
      return out;
    },
  },
};

/** The finding for a reference in `value` that nothing defines. */
function undefinedFinding(config: Configuration, file: FileKind, value: ValueText, ref: ValueRef): Finding {
  // Only names a "$" can refer to: main.cf accepts names like "unix<", a reference stops at "<".
  const suggestions = suggestionsFor(config, ref.name, { ownNames: true }).filter((s) => REFERENCE_NAME.test(s));
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"$${s}"`).join(' or ')}?` : '';
  // As Configuration.references maps them (an empty name included).
  const start = valueOffsetToDoc(value, ref.nameStart);
  const end = valueOffsetToDoc(value, ref.nameEnd - 1) + 1;
  return {
    code: 'undefined-reference', file, start, end,
    message: `"$${excerpt(ref.name)}" is not defined anywhere, so Postfix replaces it with nothing.${hint}`,
    data: { name: ref.name, suggestions },
  };
}
