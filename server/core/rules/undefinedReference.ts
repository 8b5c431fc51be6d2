/**
 * undefined-reference: `$name` where nothing defines name (postconf: "undefined
 * parameter"). Postfix expands it to the empty string, which is rarely what was meant.
 * In main.cf, names set with -o anywhere count as defined; in an -o value, only the
 * same service's -o names do (checked against postconf).
 */
import { excerpt } from '../excerpt';
import { Finding } from '../findings';
import { suggestionsFor } from '../model/suggestions';
import { Rule } from './types';

const REFERENCE_NAME = /^[A-Za-z0-9_]+$/;

export const undefinedReference: Rule = {
  codes: ['undefined-reference'],
  check({ config }) {
    const out: Finding[] = [];
    const names = config.names;
    for (const ref of config.references) {
      const defined = ref.file === 'main' ? names.isDefinedForMain(ref.name) : names.isDefinedForService(ref.name, ref.service!);
      if (defined) continue;
      // Only names a "$" can refer to: main.cf accepts names like "unix<", a reference stops at "<".
      const suggestions = suggestionsFor(config, ref.name, { ownNames: true }).filter((s) => REFERENCE_NAME.test(s));
      const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"$${s}"`).join(' or ')}?` : '';
      out.push({
        code: 'undefined-reference', severity: 'warning', file: ref.file, start: ref.nameStart, end: ref.nameEnd,
        message: `"$${excerpt(ref.name)}" is not defined anywhere, so Postfix replaces it with nothing.${hint}`,
        data: { name: ref.name, suggestions },
      });
    }
    return out;
  },
};
