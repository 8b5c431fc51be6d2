/**
 * The same files read by two releases: the configuration as the release upgraded from
 * reads it, as the release upgraded to reads it, and (when main.cf's compatibility_level
 * is below the level the new release's own main.cf sets) as the new release reads it
 * once the admin raises compatibility_level to that level.
 */
import { Release, stockCompatibilityLevel } from '../../kb/knowledgeBase';
import { Configuration } from '../../model/configuration';
import { parseMainCf } from '../../syntax/mainCf';
import { parseLevel } from '../../model/expand';
import { valueInEffect } from '../../model/inEffect';
import { DerivedKey } from '../../caches';

export interface UpgradePair {
  from: Configuration;
  to: Configuration;
  /** compatibility_level in effect, as each release reads main.cf. */
  level: { from: string; to: string };
  /** The new release's own level, when main.cf's is below it, and the files read with it set. */
  raised?: { level: string; config: Configuration };
}

const PAIRS = new DerivedKey<Map<number, UpgradePair>>('upgrade pairs by release upgraded from');

/**
 * The pair for `to` (a configuration read by the new release) and the release upgraded
 * from, kept with `to`: the review, the diagnostics and the hover share it. The old
 * release's configuration shares the caches of `to`.
 */
export function upgradePair(to: Configuration, from: Release, raise = false): UpgradePair {
  const pairs = to.derive(PAIRS, () => new Map());
  let pair = pairs.get(from.index);
  if (!pair) {
    // The caches are shared: what they keep per tree is the same for every release, and
    // what depends on the release (transport limits, line findings) is kept with it.
    const old = new Configuration({ main: to.hasMain ? to.main : undefined, master: to.hasMaster ? to.master : undefined, version: from.requested, caches: to.caches });
    pairs.set(from.index, (pair = { from: old, to, level: { from: levelOf(old), to: levelOf(to) } }));
  }
  if (!pair.raised && raise) pair.raised = raisedConfiguration(to, pair.level.to);
  return pair;
}

/** compatibility_level as the configuration's release reads it. */
export function levelOf(config: Configuration): string {
  return valueInEffect(config, 'compatibility_level')?.text.trim() ?? '0';
}

/**
 * The files read by the new release after `compatibility_level = L` is added at the end
 * of main.cf (the last setting wins), L being the level the new release's own main.cf
 * sets; undefined when main.cf's level is not below L. The line is an override of the
 * same tree: main.cf is not parsed again.
 */
function raisedConfiguration(to: Configuration, level: string): UpgradePair['raised'] {
  const target = stockCompatibilityLevel(to.release);
  if (!below(level, target)) return undefined;
  const [line] = parseMainCf(raisedMainText('', target)).entries;
  return {
    level: target,
    config: new Configuration({
      main: to.main, master: to.hasMaster ? to.master : undefined, version: to.release.requested, caches: to.caches,
      overrides: new Map([['compatibility_level', line]]),
    }),
  };
}

/** True when level `a` is below `b` (an unreadable level counts as 0, as Postfix's defaults would fail anyway). */
export function below(a: string, b: string): boolean {
  const x = parseLevel(a) ?? [0, 0, 0];
  const y = parseLevel(b) ?? [0, 0, 0];
  return x[0] - y[0] < 0 || (x[0] === y[0] && (x[1] - y[1] < 0 || (x[1] === y[1] && x[2] < y[2])));
}

/** The text that raises compatibility_level, as the review and the oracle test append it. */
export function raisedMainText(mainText: string, level: string): string {
  return `${mainText}${mainText === '' || mainText.endsWith('\n') ? '' : '\n'}compatibility_level = ${level}\n`;
}
