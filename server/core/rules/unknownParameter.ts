/**
 * unknown-parameter: a name postconf would call an "unused parameter": not built into the
 * target release, not derived from a master.cf service, and not a user-defined name that
 * something references. Names some other release knows are left to version-mismatch.
 */
import { excerpt } from '../excerpt';
import { Finding } from '../findings';
import { deprecation, isBuiltinSomewhere } from '../kb/knowledgeBase';
import { deprecationAdvice } from '../model/deprecations';
import { FileKind } from '../model/configuration';
import { suggestionsFor } from '../model/suggestions';
import { Token } from '../syntax/mainCf';
import { LineContext, Rule, wholeLineContext } from './types';

const BOM = '\ufeff';

export const unknownParameter: Rule = {
  kind: 'line',
  codes: ['unknown-parameter'],
  line(item, ctx) {
    if (item.kind !== 'entry' || ctx.config.names.isKnownInMain(item.name.text)) return undefined;
    const found = report(ctx, { file: 'main', name: item.name, where: '' });
    return found && [found];
  },
  rest: {
    reads: 'configuration',
    check({ config, settings }) {
      const out: Finding[] = [];
      for (const entry of config.master.entries) {
        for (const option of entry.options) {
          // A broken option (no "=", an unclosed "{") is option-syntax's: its "name" is no name.
          if (option.form === 'missing-equals' || !option.name.text || option.arg.unclosedBrace) continue;
          if (!config.names.isKnownInService(option.name.text, entry)) {
            const found = report(wholeLineContext({ config, settings }), { file: 'master', name: option.name, where: ` in the -o options of "${excerpt(entry.serviceText)}"` });
            if (found) out.push(found);
          }
        }
      }
      return out;
    },
  },
};

/** The finding for a name postconf would call unused, unless it is only another release's. */
function report(ctx: LineContext, { file, name, where }: { file: FileKind; name: Token; where: string }): Finding | undefined {
  const { config } = ctx;
  const afterBom = name.text.startsWith(BOM) ? name.text.slice(1) : undefined;
  // Another name than the line's own is asked about.
  if (afterBom) ctx.readsWholeConfiguration();
  // Only when dropping the mark gives a name Postfix knows does removing it fix the line.
  if (afterBom && (config.names.isKnownInMain(afterBom) || isBuiltinSomewhere(afterBom))) {
    return {
      code: 'unknown-parameter', file, start: name.start, end: name.end,
      message: `The file starts with an invisible byte-order mark (U+FEFF), which Postfix reads as part of the name "${excerpt(afterBom)}": the setting is ignored. Save the file as UTF-8 without BOM.`,
      data: { name: name.text, bom: true },
    };
  }
  if (isBuiltinSomewhere(name.text)) return undefined;
  const removed = deprecation(afterBom ?? name.text, config.release);
  if (removed) {
    return {
      code: 'unknown-parameter', file, start: name.start, end: name.end,
      message: `"${excerpt(name.text)}"${where} is no longer a Postfix parameter: Postfix ${config.release.name} says support for it has been removed, and ignores it; ${deprecationAdvice(removed)}.`,
      data: { name: name.text, suggestions: removed.replacement ? [removed.replacement] : [], replacement: removed.replacement ?? null },
    };
  }
  // Did-you-mean reads the names of the whole configuration.
  ctx.readsWholeConfiguration();
  const suggestions = suggestionsFor(config, afterBom ?? name.text);
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
  const bom = afterBom === undefined ? '' : ' (after an invisible byte-order mark, U+FEFF, that starts the file)';
  return {
    code: 'unknown-parameter', file, start: name.start, end: name.end,
    message: `Unknown parameter "${excerpt(afterBom ?? name.text)}"${bom}${where}: postconf reports it as unused and Postfix ignores it.${hint}`,
    data: { name: name.text, suggestions },
  };
}
