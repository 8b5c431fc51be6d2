/**
 * Quick-fixes keyed by diagnostic code, kept apart from detection: a rule puts what a fix
 * needs in the finding's `data`, and the builder here turns it into edits. Never keyed by
 * message text.
 */
import { FixBuilder } from './types';
import { renameFix } from './rename';
import { removeBomFix } from './removeBom';
import { replaceDeprecatedFix } from './replaceDeprecated';
import { removeDuplicateFix } from './removeDuplicate';
import { moveCommentFix } from './moveComment';
import { optionFormFix } from './optionForm';
import { connectionBudgetFixes } from './budgetFixes';
import { failedCohortFix } from './cohortFix';
import { qmgrParameterFixes, scopeMismatchFixes } from './scopeFixes';
import { upgradeFixes } from './upgradeFixes';
import { destinationsFix, routeOutsideFix } from './routingFixes';

/** Several builders for one code: their actions in order. */
const all = (...builders: FixBuilder[]): FixBuilder => (ctx, diagnostic) => builders.flatMap((build) => build(ctx, diagnostic));

export const FIXES: Readonly<Record<string, FixBuilder>> = {
  'unknown-parameter': all(removeBomFix, renameFix),
  'version-mismatch': replaceDeprecatedFix,
  'undefined-reference': renameFix,
  'deprecated-parameter': replaceDeprecatedFix,
  'duplicate-parameter': removeDuplicateFix,
  'duplicate-service': removeDuplicateFix,
  'inline-comment': moveCommentFix,
  'option-syntax': optionFormFix,
  'connection-budget': connectionBudgetFixes,
  'failed-cohort-limit': failedCohortFix,
  'scope-mismatch': scopeMismatchFixes,
  'qmgr-parameter-in-service': qmgrParameterFixes,
  'upgrade-changed-default': upgradeFixes,
  'receiver-route-outside': routeOutsideFix,
  'receiver-destinations': destinationsFix,
};
