/**
 * deprecated-parameter (and a removed name's unknown-parameter or version-mismatch):
 * rename it, replace the name (and its value, translated) by its replacement, or remove it
 * when the replacement is already set and Postfix ignores it. Offered only when the
 * translation keeps the behaviour (see deprecatedValues.ts).
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';
import { MainCf } from '../syntax/mainCf';
import { MasterCf, MasterOption, MasterEntry } from '../syntax/masterCf';
import { translateDeprecated } from './deprecatedValues';
import { OffsetEdit, dataString, deleteLines, deleteOption, diagnosticStart, quickFix } from './actions';
import { onLineAt } from '../features/locate';
import { tipsOverWithout } from '../rules/notPostfixConfig';

interface Target {
  name: { start: number; end: number };
  value: { start: number; end: number };
  valueText: string;
  /** Edits that delete the whole setting. */
  remove: OffsetEdit[];
  service?: MasterEntry;
  /** Edits that delete another setting of the same place, by name. */
  removeOther(name: string): OffsetEdit[];
}

export function replaceDeprecatedFix(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  const name = dataString(diagnostic, 'name');
  const replacement = dataString(diagnostic, 'replacement');
  if (!name || !replacement) return [];
  const file = ctx.file;
  const target = findTarget(ctx, diagnosticStart(file, diagnostic), name);
  // A value with `$` would be turned into a literal: leave that to the user.
  if (!target) return [];
  const t = translateDeprecated({ config: ctx.config, name, replacement, service: target.service });
  if (!t) return [];
  if (t.kind === 'rename') {
    const edits = [{ start: target.name.start, end: target.name.end, text: replacement }];
    return [quickFix({ title: `Rename to "${replacement}" (same value)`, file, diagnostic, preferred: true, edits })];
  }
  if (target.valueText.includes('$')) return [];
  // Deleting a main.cf line must not tip a borderline file into "not a Postfix config".
  if (!target.service && (t.kind === 'remove' || t.alsoRemove) && tipsOverWithout(ctx.config.caches, file.tree, 1)) return [];
  if (t.kind === 'remove') {
    return [quickFix({ title: `Remove "${name}" (Postfix ignores it while "${replacement}" is not empty)`, file, diagnostic, preferred: true, edits: target.remove })];
  }
  const edits: OffsetEdit[] = [
    // Offsets read one by one: names work them out on use (a spread would miss them).
    { start: target.name.start, end: target.name.end, text: replacement },
    { start: target.value.start, end: target.value.end, text: t.value },
    ...(t.alsoRemove ? target.removeOther(t.alsoRemove) : []),
  ];
  const setting = target.service ? `-o ${replacement}=${t.value}` : `${replacement} = ${t.value}`;
  const also = t.alsoRemove ? ` and remove "${t.alsoRemove}"` : '';
  return [quickFix({ title: `Replace with "${setting}"${also}`, file, diagnostic, preferred: true, edits })];
}

function findTarget(ctx: FeatureContext, offset: number, name: string): Target | undefined {
  const file = ctx.file;
  if (file.tree.kind === 'main') {
    const entry = onLineAt((file.tree as MainCf).entries, offset);
    if (!entry || entry.name.start !== offset || entry.name.text !== name) return undefined;
    const lastOf = (n: string) => ctx.config.mainEntry(n);
    return {
      name: entry.name, value: entry.value, valueText: entry.value.text, remove: deleteLines(file, entry.line),
      removeOther: (n) => {
        const other = lastOf(n);
        return other ? deleteLines(file, other.line) : [];
      },
    };
  }
  const service = onLineAt((file.tree as MasterCf).entries, offset);
  const option = service?.options.find((o) => o.name.start === offset && o.name.text === name && o.form !== 'missing-equals');
  if (service && option) {
    const lastOf = (n: string): MasterOption | undefined => [...service.options].reverse().find((o) => o.name.text === n);
    return {
      name: option.name, value: option.value, valueText: option.value.text, service, remove: [deleteOption(file, option)],
      removeOther: (n) => {
        const other = lastOf(n);
        return other ? [deleteOption(file, other)] : [];
      },
    };
  }
  return undefined;
}
