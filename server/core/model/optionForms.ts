/**
 * How master(8), the daemons and postconf read the `-o` arguments of one master.cf entry,
 * and which forms go wrong (checked with the 3.7.11 smtp daemon and master(8)):
 * - spaced: `-o name = value`, `-o name =value`, `-o name= value`. master(8) splits at
 *   white space, so the daemon gets `-o name` ("missing '=' after attribute name") or
 *   `-o name=` plus a stray argument ("unknown attribute name") and stops.
 * - missing-equals: `-o name` or `-o { name value }` without "=": the daemon stops.
 * - unclosed: `-o { name = value` without "}": master(8) itself stops ("missing '}'").
 * - stuck: `-oname=value`. The daemons read it right (getopt), but postconf splits it at
 *   every later "o" (`-o smtp_hel -o _name=f ...`), so its views and checks are wrong.
 * - stuck-missing-equals: `-oname` without "=": the daemon stops, as for `-o name`.
 * Both the rule and its quick-fix use this one reading.
 */
import { Arg, MasterOption, MasterService } from '../syntax/masterCf';

export type OptionIssueKind = 'spaced' | 'missing-equals' | 'unclosed' | 'stuck' | 'stuck-missing-equals';

export interface OptionIssue {
  kind: OptionIssueKind;
  /** The `-o` argument (or the whole stuck argument). */
  flag: Arg;
  /** The arguments that make up the intended `name=value`, for spaced forms. */
  parts: Arg[];
  /** The intended parameter name (may be empty). */
  name: string;
}

/**
 * Every `-o` problem of one master.cf entry, in argument order. Like the daemons' getopt
 * ("+" mode), the scan stops at the first argument that is not an option, so `-oi` in a
 * pipe command line after `argv=` is the command's business.
 */
export function optionIssues(service: MasterService): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const byFlag = new Map<Arg, MasterOption>(service.options.map((o) => [o.flag, o]));
  const args = service.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = byFlag.get(arg);
    if (option) {
      const at = args.indexOf(option.arg);
      const issue = classify(option, args.slice(at + 1));
      if (issue) issues.push(issue);
      i = Math.max(i, at);
    } else if (arg.text.startsWith('-o{')) {
      issues.push({ kind: 'stuck', flag: arg, parts: [arg], name: arg.text.slice(3).split('=')[0].trim() });
    } else if (/^-o[^=]/.test(arg.text) && !arg.text.includes('=')) {
      issues.push({ kind: 'stuck-missing-equals', flag: arg, parts: [arg], name: arg.text.slice(2) });
    } else if (OPTION_WITH_VALUE.test(arg.text)) {
      i++;
    } else if (!arg.text.startsWith('-')) {
      break;
    }
  }
  return issues;
}

/** Daemon options that take the next argument as their value (besides -o). */
const OPTION_WITH_VALUE = /^-[imnst]$/;

function classify(option: MasterOption, after: Arg[]): OptionIssue | undefined {
  const { flag, arg, form } = option;
  const name = option.name.text;
  if (arg.unclosedBrace) return { kind: 'unclosed', flag, parts: [arg], name };
  if (form === 'stuck') return { kind: 'stuck', flag, parts: [arg], name };
  const next = after[0];
  if (form === 'missing-equals') {
    if (arg !== flag && !arg.text.startsWith('{') && next?.text.startsWith('=')) {
      // `-o name = value`: the value is the next word; `-o name =value`: it starts in this one.
      return { kind: 'spaced', flag, parts: [arg, next, ...valueArgs(after.slice(1), next.text === '=')], name };
    }
    return { kind: 'missing-equals', flag, parts: [arg], name };
  }
  if (form === 'short' && option.value.text === '' && next && !next.text.startsWith('-') && !next.text.startsWith('{') && !next.text.includes('=')) {
    return { kind: 'spaced', flag, parts: [arg, ...valueArgs(after, true)], name };
  }
  return undefined;
}

/**
 * The words that were meant as the value: the first one (when `first`, it may hold "="),
 * then those up to the next option or `name=value` attribute.
 */
function valueArgs(args: Arg[], first: boolean): Arg[] {
  const out: Arg[] = [];
  for (const a of args) {
    if (a.text.startsWith('-') || a.text.startsWith('{') || a.text.includes('}')) break;
    if (a.text.includes('=') && !(first && out.length === 0)) break;
    out.push(a);
  }
  return out;
}

/** How postconf splits a stuck `-o...` argument: at every "o" after the first two characters. */
export function postconfReading(stuck: string): string[] {
  return stuck.slice(2).split('o').map((piece) => (piece ? `-o ${piece}` : '-o'));
}
