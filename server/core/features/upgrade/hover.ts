/**
 * The hovers' part of an upgrade review (postfix.upgradeFrom set): a parameter's value in
 * effect under the release upgraded from and under the target release, as main.cf's
 * readers see it.
 */
import { valueInEffect } from '../../model/inEffect';
import { FeatureContext } from '../context';
import { code } from '../hover/describe';
import { upgradePair } from './pair';
import { releaseOf } from './releases';
import { normalised } from './values';

/**
 * The hover paragraph for `name`, or none when no upgrade is being reviewed. `option`: the
 * hover is on an -o, which wins over main.cf for its service: the values are main.cf's.
 */
export function upgradeHoverLines(ctx: FeatureContext, name: string, option = false): string[] {
  const setting = ctx.settings.upgradeFrom;
  if (!setting) return [];
  const from = releaseOf(setting, 'upgraded from');
  if ('error' in from) return [`**Upgrade review:** postfix.upgradeFrom: ${from.error}`];
  const pair = upgradePair(ctx.config, from.release);
  const show = (config: typeof pair.to): string => {
    const value = valueInEffect(config, name);
    return value ? code(normalised(value.text)) : '*(not a parameter)*';
  };
  const [old, next] = [show(pair.from), show(pair.to)];
  const [a, b] = [pair.from.release.name, pair.to.release.name];
  const head = `**Upgrade from Postfix ${a} to ${b}${option ? ' (in main.cf; this -o wins for its service)' : ''}:**`;
  return [old === next ? `${head} the same under both, ${next}` : `${head} ${old} under ${a} → ${next} under ${b}`];
}
