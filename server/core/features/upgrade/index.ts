/**
 * The upgrade review as a facade operation: the two releases read strictly, the
 * configuration of the request as the new release reads it, and the review.
 */
import { Configuration } from '../../model/configuration';
import { FeatureContext } from '../context';
import { upgradeReleases } from './releases';
import { UpgradeReview, upgradeReview } from './review';

export type { UpgradeReview };

/** A review, or why there is none (an unknown or malformed release, listing the known ones). */
export type UpgradeResult = { review: UpgradeReview; error?: undefined } | { error: string; review?: undefined };

/** Reviews upgrading the request's configuration from `from` to `to` (default: the settings' version). */
export function upgradeReviewOf(ctx: FeatureContext, from: string | undefined, to: string | undefined): UpgradeResult {
  const releases = upgradeReleases(from, to ?? ctx.config.release.requested);
  if (releases.error !== undefined) return { error: releases.error };
  // The language service's configuration serves when it is read by the release upgraded to.
  const config = releases.to.index === ctx.config.release.index && releases.to.requested === ctx.config.release.requested
    ? ctx.config
    : new Configuration({ main: ctx.files.main?.tree, master: ctx.files.master?.tree, version: releases.to.requested });
  return { review: upgradeReview({ config, files: ctx.files, settings: ctx.settings, from: releases.from }) };
}
