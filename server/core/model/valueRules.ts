/**
 * Which conversion a program applies to a parameter's value (its type and bounds), and
 * which programs read it. Per-transport names (`relay_destination_concurrency_limit`,
 * `mypipe_time_limit`) have no type of their own: qmgr, pipe and spawn read them with the
 * type and bounds of the `default_*` parameter their `transport_*` template points at.
 */
import { ParamFacts, Release, ValueCheckFacts, checksFor, defaultText, isBuiltin, paramFacts, templateDefault } from '../kb/knowledgeBase';
import { ValueRule, timeUnitOf } from '../kb/valueCheck';
import type { Configuration } from './configuration';

export interface ValueRuleInfo {
  rule: ValueRule;
  /** Programs that read the parameter ("global": every Postfix program). */
  readBy: readonly string[];
  /** For per-transport names: the transport (service) the name belongs to. */
  transport?: string;
  suffix?: string;
}

/**
 * String lengths are not checked: the stock main.cf leaves sendmail_path, setgid_group and
 * other paths empty for the installer to fill in, and virtual_mailbox_base = "" only stops
 * virtual(8) when it is used. Reporting those as errors would flag every stock template.
 */
const CHECKED = new Set(['bool', 'nbool', 'int', 'nint', 'long', 'time']);
const QMGR = ['qmgr', 'oqmgr'];

/** How `name` is converted when read, or undefined when nothing about it is checked. */
export function valueRuleFor(config: Configuration, name: string): ValueRuleInfo | undefined {
  const facts = paramFacts(name);
  // Keyed by the knowledge base's own spelling: these tables live as long as the process,
  // and `name` may be a slice of a document that would then stay alive with them.
  if (facts?.type || facts?.checks) return memo(builtinRules, config.release, facts.name, builtinRule, facts);
  const suffix = config.names.serviceDefinedFor(name)?.suffix;
  if (!suffix) return undefined;
  const base = memo(transportRules, config.release, suffix, transportRule, suffix);
  return base && { rule: base.rule, readBy: base.readBy, transport: name.slice(0, -suffix.length), suffix };
}

type PerRelease<T> = Map<number, Map<string, T | null>>;

/**
 * What a built-in name, or every per-transport name of a suffix, is converted with depends
 * only on the release: worked out once, not for each of a large main.cf's entries.
 * Callers never modify the results.
 */
const builtinRules: PerRelease<ValueRuleInfo> = new Map();
const transportRules: PerRelease<Pick<ValueRuleInfo, 'rule' | 'readBy'>> = new Map();

/** compute(arg, release), worked out once per key (a function and its argument, not a closure made per read). */
function memo<T, A>(table: PerRelease<T>, release: Release, key: string, compute: (arg: A, release: Release) => T | undefined, arg: A): T | undefined {
  let perRelease = table.get(release.index);
  if (!perRelease) table.set(release.index, (perRelease = new Map()));
  let found = perRelease.get(key);
  if (found === undefined) perRelease.set(key, (found = compute(arg, release) ?? null));
  return found ?? undefined;
}

function builtinRule(facts: ParamFacts, release: Release): ValueRuleInfo | undefined {
  const checks = isBuiltin(facts.name, release) ? checksFor(facts, release) : undefined;
  if (!checks || !CHECKED.has(checks.type)) return undefined;
  return { rule: ruleOf(facts, checks, release), readBy: facts.readBy ?? [] };
}

function transportRule(suffix: string, release: Release): Pick<ValueRuleInfo, 'rule' | 'readBy'> | undefined {
  const pointer = /^\$(\w+)$/.exec(templateDefault(suffix) ?? '');
  const base = pointer ? paramFacts(pointer[1]) : undefined;
  const checks = base && checksFor(base, release);
  if (!base || !checks || !CHECKED.has(checks.type)) return undefined;
  const readBy = suffix === '_time_limit' ? ['pipe', 'spawn'] : QMGR;
  // Per-transport times are read with seconds as the default unit (get_mail_conf_time2(..., 's', ...)).
  return { rule: { ...ruleOf(base, checks, release), defaultUnit: 's' }, readBy };
}

function ruleOf(facts: ParamFacts, checks: ValueCheckFacts, release: Release): ValueRule {
  const rule: ValueRule = { type: checks.type, min: checks.min, max: checks.max };
  if (checks.type === 'time') rule.defaultUnit = timeUnitOf(defaultText(facts, release));
  return rule;
}

const TLS_PROGRAMS = new Set(['smtp', 'smtpd', 'tlsproxy', 'tlsmgr']);

/** True when the program run by a master.cf entry reads a parameter read by `readBy`. */
export function readByProgram(readBy: readonly string[], program: string): boolean {
  if (!readBy.length) return true;
  // lmtp is the smtp binary under another name; nqmgr is a link to qmgr.
  const p = program === 'lmtp' ? 'smtp' : program === 'nqmgr' ? 'qmgr' : program;
  return readBy.includes('global') || readBy.includes(p) || (readBy.includes('tls') && TLS_PROGRAMS.has(p));
}

/** Who reads a parameter, in words: "smtp", "qmgr and oqmgr". */
export function readersText(readBy: readonly string[]): string {
  if (!readBy.length) return 'unknown';
  const names = readBy.map((r) => (r === 'tls' ? 'the TLS library' : r));
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
