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
 * - missing-name: `-o =value` or `-o=value`: the daemon stops ("missing attribute name").
 * A stuck `-oname= value` is spaced too: the daemon gets the stray `value` and stops.
 * Both the rule and its quick-fix use this one reading.
 */
import { Arg, MasterOption, MasterEntry, longOption } from '../syntax/masterCf';
import { LineArg } from '../syntax/masterNodes';

export type OptionIssueKind = 'spaced' | 'missing-equals' | 'missing-name' | 'unclosed' | 'stuck' | 'stuck-missing-equals';

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
export function optionIssues(service: MasterEntry): OptionIssue[] {
  const issues: OptionIssue[] = [];
  // Argument objects are made on each read: an option is found by its flag's offset.
  const byFlag = new Map<number, MasterOption>(service.options.map((o) => [o.flag.at, o]));
  const args = service.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = byFlag.get(arg.at);
    if (option) {
      // The name=value argument is the flag itself (stuck, or a last lone -o) or the next one.
      const at = option.arg.at === arg.at ? i : i + 1;
      const issue = classify(option, { args, from: at + 1 });
      if (issue) issues.push(issue);
      // The words of a spaced option are what the writer meant as its value: the options
      // after them are checked too (getopt would stop at the first stray word, but the
      // writer will see those next, once the spacing is fixed).
      i = at + (issue ? issue.parts.length - 1 : 0);
    } else if (arg.text.startsWith('-o{')) {
      issues.push(stuckBrace(service, arg));
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

/**
 * `-o{...}`: the daemons read it as `-o {...}` (checked with the 3.7.11 smtp daemon:
 * `-o{foo}` stops it with "missing '='" like `-o {foo}`), so it is stuck only when that
 * long form is sound; an unclosed "{" stops master(8) whatever follows.
 */
function stuckBrace(service: MasterEntry, arg: Arg): OptionIssue {
  const braced = new LineArg(service.line, arg.at + 2, arg.text.slice(2), !!arg.unclosedBrace);
  const option = longOption(service.line, arg, braced);
  const name = option.name.text;
  if (arg.unclosedBrace) return { kind: 'unclosed', flag: arg, parts: [arg], name };
  return { kind: option.form === 'missing-equals' ? 'stuck-missing-equals' : 'stuck', flag: arg, parts: [arg], name };
}

/** Daemon options that take the next argument as their value (besides -o). */
const OPTION_WITH_VALUE = /^-[imnst]$/;

/** The arguments after an option's name=value argument: `args` from index `from` on. */
interface Rest {
  args: readonly Arg[];
  from: number;
}

function classify(option: MasterOption, rest: Rest): OptionIssue | undefined {
  const { flag, form } = option;
  // One object when the flag holds name=value (stuck, lone -o): callers compare parts[0] with flag.
  const arg = option.arg.at === flag.at ? flag : option.arg;
  const name = option.name.text;
  if (arg.unclosedBrace) return { kind: 'unclosed', flag, parts: [arg], name };
  const next = rest.args[rest.from] as Arg | undefined;
  const afterNext = { args: rest.args, from: rest.from + 1 };
  if (form === 'missing-equals') {
    if (arg !== flag && !arg.text.startsWith('{') && next?.text.startsWith('=')) {
      // `-o name = value`: the value is the next word; `-o name =value`: it starts in this one.
      return { kind: 'spaced', flag, parts: [arg, next, ...valueArgs(afterNext, next.text === '=')], name };
    }
    return { kind: 'missing-equals', flag, parts: [arg], name };
  }
  if (form === 'long') return undefined;
  // Short and stuck forms: the 3.7.11 smtp daemon stops on "-o =x" (the long form "{=x}" passes).
  if (name === '') return { kind: 'missing-name', flag, parts: [arg], name };
  if (option.value.text === '' && next && !next.text.startsWith('-') && !next.text.startsWith('{') && !next.text.includes('=')) {
    // `-o name= value`: the daemon gets `value` as a stray argument, whatever it holds.
    return { kind: 'spaced', flag, parts: [arg, next, ...valueArgs(afterNext, false)], name };
  }
  return form === 'stuck' ? { kind: 'stuck', flag, parts: [arg], name } : undefined;
}

/**
 * The words that were meant as the value: the first one (when `first`, it may hold "="),
 * then those up to the next option or `name=value` attribute.
 */
function valueArgs(rest: Rest, first: boolean): Arg[] {
  const out: Arg[] = [];
  for (let i = rest.from; i < rest.args.length; i++) {
    const a = rest.args[i];
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
