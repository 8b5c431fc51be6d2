/**
 * upgrade-changed-default (only with postfix.upgradeFrom set): what upgrading from that
 * release to the target release changes in this main.cf's values in effect, as the
 * upgrade review computes it (features/upgrade):
 * - a default the file does not set whose value changes: on line 1 of main.cf;
 * - a line whose value changes because a value it reads changes: on that line;
 * - a line that keeps the old release's default while the new default differs: on that
 *   line, as a hint (its value does not change; the hint carries the fix that adopts the
 *   new default, and is what a pinned value leaves behind).
 * Names the new release adds or drops are left to the review and to version-mismatch; so
 * are mail_version, mail_release_date and the values that only quote them.
 */
import { Finding } from '../findings';
import { releaseOf } from '../features/upgrade/releases';
import { upgradePair } from '../features/upgrade/pair';
import { ParameterChange, parameterChanges } from '../features/upgrade/values';
import { pinnedDefaults } from '../features/upgrade/review';
import type { Configuration } from '../model/configuration';
import { Rule } from './types';

/** What only reports the release itself: no behaviour changes with it. */
const VERSION_ONLY = new Set(['mail_version', 'mail_release_date']);

export const upgradeChangedDefault: Rule = {
  kind: 'configuration',
  codes: ['upgrade-changed-default'],
  check({ config, settings }) {
    if (!settings.upgradeFrom || !config.hasMain) return [];
    const from = releaseOf(settings.upgradeFrom, 'upgraded from');
    const firstLine = { file: 'main' as const, start: 0, end: firstLineEnd(config) };
    if ('error' in from) return [{ code: 'upgrade-changed-default', ...firstLine, message: `postfix.upgradeFrom: ${from.error}` }];
    const pair = upgradePair(config, from.release);
    const [old, next] = [pair.from.release.name, config.release.name];
    const out: Finding[] = [];
    const changes = parameterChanges(pair, { perTransport: false }).filter((c) => c.kind === 'changed' && !c.serviceDefined && !versionOnly(c));
    const byName = new Map(changes.map((c) => [c.name, c]));
    for (const c of changes) {
      const entry = c.new?.from === 'main' ? config.mainEntry(c.name) : undefined;
      const values = `"${c.old!.text}" → "${c.new!.text}"`;
      // Pinned where the change comes from: a default that reads a changed default keeps its
      // old value once that one is pinned (and so do the others that read it).
      const roots = c.cause === 'references' ? rootPins(c, byName, config) : [];
      if (!entry) {
        out.push({
          code: 'upgrade-changed-default', ...firstLine,
          message: `Upgrading from Postfix ${old} to ${next} changes ${c.name}, which this main.cf does not set: ${values}.`,
          data: { name: c.name, from: old, pin: roots.length ? roots : [[c.name, c.old!.text]] },
        });
        continue;
      }
      const pins = roots;
      const via = c.via?.length ? ` (it reads ${c.via.join(', ')}, which ${c.via.length === 1 ? 'changes' : 'change'})` : '';
      out.push({
        code: 'upgrade-changed-default', file: 'main', start: entry.name.start, end: entry.name.end,
        message: `Upgrading from Postfix ${old} to ${next} changes the value in effect of ${c.name}: ${values}${via}.`,
        data: { name: c.name, from: old, pin: pins },
      });
    }
    const lineOf = (): number => 0;
    for (const p of pinnedDefaults(pair, lineOf)) {
      const entry = config.mainEntry(p.name);
      if (!entry) continue;
      out.push({
        code: 'upgrade-changed-default', severity: 'hint', file: 'main', start: entry.name.start, end: entry.name.end,
        message: `${p.name} = "${p.value}" keeps the default of Postfix ${old}; the default of Postfix ${next} is "${p.newDefault}".`,
        data: { name: p.name, from: old, adopt: true, newDefault: p.newDefault },
      });
    }
    return out;
  },
};

function versionOnly(c: ParameterChange): boolean {
  return VERSION_ONLY.has(c.name) || (!!c.via?.length && c.via.every((n) => VERSION_ONLY.has(n)));
}

/**
 * The defaults to pin so that a line keeps its old value: the names it reads that change
 * and that main.cf does not set (followed through the ones it does set).
 */
function rootPins(change: ParameterChange, byName: ReadonlyMap<string, ParameterChange>, config: Configuration): [string, string][] {
  const pins = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (c: ParameterChange): void => {
    for (const name of c.via ?? []) {
      if (seen.has(name)) continue;
      seen.add(name);
      const next = byName.get(name);
      if (!next?.old) continue;
      if (config.mainEntry(name)) visit(next);
      else pins.set(name, next.old.text);
    }
  };
  visit(change);
  return [...pins];
}

function firstLineEnd(config: Configuration): number {
  const nl = config.main.text.indexOf('\n');
  const end = nl < 0 ? config.main.text.length : nl;
  return end > 0 && config.main.text[end - 1] === '\r' ? end - 1 : end;
}
