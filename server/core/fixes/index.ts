/**
 * Quick-fixes keyed by diagnostic code, kept apart from detection: a rule puts what a fix
 * needs in the finding's `data`, and the builder here turns it into edits. Never keyed by
 * message text.
 */
import { FixBuilder } from './types';
import { connectionBudgetFixes } from './budgetFixes';
import { failedCohortFix } from './cohortFix';
import { qmgrParameterFixes, scopeMismatchFixes } from './scopeFixes';

export const FIXES: Readonly<Record<string, FixBuilder>> = {
  'connection-budget': connectionBudgetFixes,
  'failed-cohort-limit': failedCohortFix,
  'scope-mismatch': scopeMismatchFixes,
  'qmgr-parameter-in-service': qmgrParameterFixes,
};
