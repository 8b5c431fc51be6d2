/**
 * Quick-fixes for options on the wrong service: rename a mis-scoped -o to the name the
 * service's program reads, or turn `-o default_process_limit=N` into the maxproc field it
 * was meant for (scope-mismatch), and move a queue-manager -o to main.cf under the
 * transport's own name, or remove it (qmgr-parameter-in-service).
 */
import { CodeAction, CodeActionKind, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import { FeatureContext } from '../features/context';
import { MasterOption, MasterEntry } from '../syntax/masterCf';
import { removeOption, renameOption, setField, setMainParameters, transportOwns, workspaceEdit } from './edits';
import { diagnosticStart } from './actions';
import { onLineAt } from '../features/locate';
import { FixBuilder } from './types';

/** The option whose name starts where the diagnostic starts. */
function optionAt(ctx: FeatureContext, diagnostic: Diagnostic): { service: MasterEntry; option: MasterOption } | undefined {
  const file = ctx.files.master;
  if (!file) return undefined;
  const offset = diagnosticStart(file, diagnostic);
  const service = onLineAt(ctx.config.master.entries, offset);
  const option = service?.options.find((o) => o.name.start === offset);
  return service && option ? { service, option } : undefined;
}

const quickFix = (title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, preferred = false): CodeAction =>
  ({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, ...(preferred ? { isPreferred: true } : {}) });

export const scopeMismatchFixes: FixBuilder = (ctx, diagnostic) => {
  const counterpart = (diagnostic.data as { counterpart?: string } | undefined)?.counterpart;
  const found = optionAt(ctx, diagnostic);
  if (!found || !ctx.files.master) return [];
  const actions: CodeAction[] = [];
  if (counterpart) {
    const edit = workspaceEdit([{ file: ctx.files.master, edits: [renameOption(ctx.files.master, found.option, counterpart)] }]);
    actions.push(quickFix(`Rename to "${counterpart}"`, diagnostic, edit, true));
  }
  const maxproc = found.service.fields.maxproc;
  const value = found.option.value.text.trim();
  if (found.option.name.text === 'default_process_limit' && maxproc.text === '-' && /^\d+$/.test(value)) {
    const edits = [setField(ctx.files.master, maxproc, value), removeOption(ctx.files.master, found.option)];
    actions.push(quickFix(`Set the maxproc field of "${found.service.serviceText}" to ${value} instead`, diagnostic, workspaceEdit([{ file: ctx.files.master, edits }]), true));
  }
  const removal = workspaceEdit([{ file: ctx.files.master, edits: [removeOption(ctx.files.master, found.option)] }]);
  actions.push(quickFix(`Remove the ineffective "-o ${found.option.name.text}"`, diagnostic, removal));
  return actions;
};

export const qmgrParameterFixes: FixBuilder = (ctx, diagnostic) => {
  const target = (diagnostic.data as { target?: string } | undefined)?.target;
  const found = optionAt(ctx, diagnostic);
  const master = ctx.files.master;
  if (!found || !master) return [];
  const actions: CodeAction[] = [];
  const remove = removeOption(master, found.option);
  // A value Postfix cannot expand would only take its error along to main.cf.
  if (target && ctx.files.main && !found.option.value.error) {
    const main = setMainParameters(ctx.files.main, [[target, found.option.value.text]], { beside: transportOwns(ctx.config, found.service.serviceText) });
    const edit = workspaceEdit([{ file: master, edits: [remove] }, { file: ctx.files.main, edits: main }]);
    actions.push(quickFix(`Move to main.cf as "${target} = ${found.option.value.text}"`, diagnostic, edit, true));
  }
  actions.push(quickFix(`Remove the ineffective "-o ${found.option.name.text}"`, diagnostic, workspaceEdit([{ file: master, edits: [remove] }])));
  return actions;
};
