/**
 * unknown-parameter: a name postconf would call an "unused parameter": not built into the
 * target release, not derived from a master.cf service, and not a user-defined name that
 * something references. Names some other release knows are left to version-mismatch.
 */
import { excerpt } from '../excerpt';
import { Finding } from '../findings';
import { isBuiltinSomewhere } from '../kb/knowledgeBase';
import { FileKind } from '../model/configuration';
import { suggestionsFor } from '../model/suggestions';
import { Token } from '../syntax/mainCf';
import { Rule } from './types';

const BOM = '\ufeff';

export const unknownParameter: Rule = {
  codes: ['unknown-parameter'],
  check({ config }) {
    const out: Finding[] = [];
    const report = (file: FileKind, name: Token, where: string): void => {
      if (name.text.startsWith(BOM)) {
        out.push({
          code: 'unknown-parameter', severity: 'warning', file, start: name.start, end: name.end,
          message: `The file starts with an invisible byte-order mark (U+FEFF), which Postfix reads as part of the name "${excerpt(name.text.slice(1))}": the setting is ignored. Save the file as UTF-8 without BOM.`,
          data: { name: name.text, bom: true },
        });
        return;
      }
      if (isBuiltinSomewhere(name.text)) return;
      const suggestions = suggestionsFor(config, name.text);
      const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
      out.push({
        code: 'unknown-parameter', severity: 'warning', file, start: name.start, end: name.end,
        message: `Unknown parameter "${excerpt(name.text)}"${where}: postconf reports it as unused and Postfix ignores it.${hint}`,
        data: { name: name.text, suggestions },
      });
    };
    for (const entry of config.main.entries) {
      if (!config.names.isKnownInMain(entry.name.text)) report('main', entry.name, '');
    }
    for (const service of config.master.services) {
      for (const option of service.options) {
        if (option.form === 'missing-equals' || !option.name.text) continue;
        if (!config.names.isKnownInService(option.name.text, service)) {
          report('master', option.name, ` in the -o options of "${excerpt(service.fields.service.text)}"`);
        }
      }
    }
    return out;
  },
};
