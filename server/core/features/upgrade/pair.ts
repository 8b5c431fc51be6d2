/**
 * The same files read by two releases: the configuration as the release upgraded from
 * reads it, as the release upgraded to reads it, and (when main.cf's compatibility_level
 * is below the level the new release's own main.cf sets) as the new release reads it
 * once the admin raises compatibility_level to that level.
 */
import { Release, stockCompatibilityLevel } from '../../kb/knowledgeBase';
import { Configuration } from '../../model/configuration';
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
 * release's configuration gets caches of its own: what is kept per service or per entry
 * (transport limits, expansions) depends on the release's defaults.
 */
export function upgradePair(to: Configuration, from: Release, mainText?: string): UpgradePair {
  const pairs = to.derive(PAIRS, () => new Map());
  let pair = pairs.get(from.index);
  if (!pair) {
    const old = new Configuration({ main: to.hasMain ? to.main : undefined, master: to.hasMaster ? to.master : undefined, version: from.requested });
    pairs.set(from.index, (pair = { from: old, to, level: { from: levelOf(old), to: levelOf(to) } }));
  }
  if (!pair.raised && mainText !== undefined) pair.raised = raisedConfiguration(to, pair.level.to, mainText);
  return pair;
}

/** compatibility_level as the configuration's release reads it. */
export function levelOf(config: Configuration): string {
  return valueInEffect(config, 'compatibility_level')?.text.trim() ?? '0';
}

/**
 * The files read by the new release after `compatibility_level = L` is added at the end
 * of main.cf (the last setting wins), L being the level the new release's own main.cf
 * sets; undefined when main.cf's level is not below L.
 */
function raisedConfiguration(to: Configuration, level: string, mainText: string): UpgradePair['raised'] {
  const target = stockCompatibilityLevel(to.release);
  if (!below(level, target)) return undefined;
  return { level: target, config: new Configuration({ mainText: raisedMainText(mainText, target), master: to.hasMaster ? to.master : undefined, version: to.release.name }) };
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
