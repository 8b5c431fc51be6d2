/** Quick-fix for failed-cohort-limit: set the transport's failed-cohort limit to 10 in main.cf. */
import { CodeActionKind } from 'vscode-languageserver-types';
import { RECOMMENDED_COHORT_LIMIT } from '../rules/failedCohortLimit';
import { setMainParameters, transportOwns, workspaceEdit } from './edits';
import { FixBuilder } from './types';

export const failedCohortFix: FixBuilder = (ctx, diagnostic) => {
  const { name, transport } = (diagnostic.data ?? {}) as { name?: string; transport?: string };
  if (!name || !ctx.files.main) return [];
  const edits = setMainParameters(ctx.files.main, [[name, String(RECOMMENDED_COHORT_LIMIT)]], transport ? { beside: transportOwns(ctx.config, transport) } : {});
  return [{
    title: `Set ${name} = ${RECOMMENDED_COHORT_LIMIT} in main.cf`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
    edit: workspaceEdit([{ file: ctx.files.main, edits }]),
  }];
};
