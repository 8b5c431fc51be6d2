/**
 * Writes a cap inferred from the log into the configuration: the `max-connections=` of the
 * receiver's `# @receiver` directive, or a new directive at the end of main.cf when there is
 * none (with the transports the log saw delivering to it). Served by the
 * `postfix/receiverCapEdit` request; the log explainer's report offers it.
 */
import { WorkspaceEdit } from 'vscode-languageserver-types';
import { appendLines, workspaceEdit } from '../fixes/edits';
import { receiverDirectives } from '../model/receivers';
import { FeatureContext } from './context';

export interface ReceiverCapInput {
  /** The receiver's name: a declared receiver's, or the relay host the log named. */
  receiver: string;
  maxConnections: number;
  /** The transports that delivered to it (for a new directive). */
  transports: string[];
}

export interface ReceiverCapResult {
  edit?: WorkspaceEdit;
  /** What the edit does, for a message. */
  description?: string;
  error?: string;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,99}$/;
const TRANSPORT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function receiverCapEdit(ctx: FeatureContext, input: ReceiverCapInput): ReceiverCapResult {
  const name = String(input?.receiver ?? '');
  const cap = Number(input?.maxConnections);
  const transports = Array.isArray(input?.transports) ? input.transports.filter((t): t is string => typeof t === 'string') : [];
  if (!NAME.test(name)) return { error: `"${name}" cannot be a receiver's name in a directive (letters, digits, ".", "-", "_" and ":").` };
  if (!Number.isInteger(cap) || cap < 1 || cap > 1_000_000) return { error: `${String(input?.maxConnections)} is not a cap (a whole number of at least 1).` };
  const directive = receiverDirectives(ctx.config).find((d) => d.name?.text === name);
  if (directive) {
    const file = directive.file === 'main' ? ctx.files.main : ctx.files.master;
    if (!file) return { error: 'The file with the directive is not open.' };
    const value = directive.keys.get('max-connections')?.value;
    const at = value ?? { start: directive.name!.end, end: directive.name!.end };
    const text = value ? String(cap) : ` max-connections=${cap}`;
    return {
      edit: workspaceEdit([{ file, edits: [{ range: file.lines.range(at.start, at.end), newText: text }] }]),
      description: `max-connections=${cap} in "# @receiver ${name}" (${directive.file}.cf)`,
    };
  }
  const usable = transports.filter((t) => TRANSPORT.test(t));
  if (!usable.length) return { error: `No transport is known to deliver to ${name}: declare it by hand, "# @receiver ${name} max-connections=${cap} transports=T".` };
  const file = ctx.files.main ?? ctx.files.master;
  if (!file) return { error: 'Open the configuration (main.cf) to write the directive into.' };
  const lines = ['', `# ${name} refused sessions at ${cap} open and accepted ${cap} at once (from the Postfix log).`, `# @receiver ${name} max-connections=${cap} transports=${usable.join(',')}`];
  return { edit: workspaceEdit([{ file, edits: [appendLines(file, lines)] }]), description: `a new "# @receiver ${name} max-connections=${cap}" at the end of ${file.kind}.cf` };
}
