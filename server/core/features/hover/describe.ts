/**
 * Pieces the hovers share: Markdown code spans, where a value comes from, and the value
 * in effect, expanded the way the daemons expand it. Some defaults differ from machine to
 * machine (host name and networks, install paths a distribution chooses): hovers send the
 * reader to `postconf -d` on the mail server instead of pretending to know them.
 */
import { MarkupKind, Hover, Range } from 'vscode-languageserver-types';
import { ParamFacts, ParamType, SERVICE_SUFFIXES, ValueCheckFacts, isMachineDependent, paramFacts } from '../../kb/knowledgeBase';
import type { Configuration } from '../../model/configuration';
import { RawValue, rawValue } from '../../model/effective';
import { expand } from '../../model/expand';
import { programOf } from '../../model/services';
import { MasterEntry } from '../../syntax/masterCf';
import { FeatureContext } from '../context';

const MAX_SHOWN = 240;

/** Inline code that survives backticks in the text; long texts are cut. */
export function code(text: string): string {
  if (text === '') return '*(empty)*';
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  const runs = shown.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown.replace(/\s+/g, ' ')}${pad}${fence}`;
}

/** A name in bold: plain when it is a word, else as code (a name may hold any character but blanks). */
export function bold(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(text) ? `**${text}**` : `**${code(text)}**`;
}

/** A Markdown hover over a document range. */
export function markdownHover(ctx: FeatureContext, lines: string[], start: number, end: number): Hover {
  const range: Range = ctx.file.lines.range(start, end);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range };
}

/** 1-based line number of a document offset in one of the configuration's files. */
export function lineOf(ctx: FeatureContext, file: 'main' | 'master', offset: number): number | undefined {
  const source = file === 'main' ? ctx.files.main : ctx.files.master;
  return source ? source.lines.position(offset).line + 1 : undefined;
}

/** Where a raw value comes from, in a few words. */
export function whereSet(ctx: FeatureContext, raw: RawValue, service?: MasterEntry): string {
  if (raw.from === 'option' && raw.option && service) {
    const line = lineOf(ctx, 'master', raw.option.name.start);
    return `\`-o\` on ${code(`${service.serviceText}/${service.typeText}`)} (master.cf line ${line})`;
  }
  if (raw.from === 'main' && raw.entry) return `main.cf line ${lineOf(ctx, 'main', raw.entry.name.start)}`;
  return `the default of Postfix ${ctx.config.release.name}`;
}

/** A parameter's value at one place: raw, expanded, and what could not be known here. */
export interface InEffect {
  raw?: RawValue;
  /** The expanded value; undefined when it is the default of a machine-dependent name. */
  expanded?: string;
  /** Referenced names whose defaults Postfix computes on the mail server. */
  machineDependent: string[];
  /** Set when the expansion fails as Postfix's would ("macro processing error"). */
  error?: string;
}

/** The value `name` has for `service` (or for main.cf readers), expanded. */
export function inEffect(config: Configuration, name: string, service?: MasterEntry): InEffect {
  const raw = rawValue(config, name, service);
  const machine = (value: RawValue | undefined, n: string): boolean => (!value || value.from === 'default') && isMachineDependent(n);
  if (machine(raw, name)) return { raw, machineDependent: [name] };
  if (!raw) return { machineDependent: [] };
  const machineDependent: string[] = [];
  const result = expand(raw.text, (ref) => {
    if (service && ref === 'service_name') return service.serviceText;
    if (service && ref === 'process_name') return programOf(service.commandText);
    const value = rawValue(config, ref, service);
    if (machine(value, ref)) {
      if (!machineDependent.includes(ref)) machineDependent.push(ref);
      // "$$" expands to one "$": the reference stays visible, unexpanded, in the result.
      return `$$${ref}`;
    }
    return value?.text;
  });
  return { raw, expanded: result.error ? undefined : result.value, machineDependent, error: result.error };
}

/** One Markdown line: the value in effect, raw and expanded, and where it is set. */
export function inEffectLine(ctx: FeatureContext, name: string, service?: MasterEntry): string {
  const value = inEffect(ctx.config, name, service);
  if (value.expanded === undefined && !value.error && value.machineDependent.includes(name)) {
    return `**In effect:** the default of the mail server's Postfix (run \`postconf -d ${name}\` there)`;
  }
  if (!value.raw) return `**In effect:** nothing sets \`${name}\`; Postfix reads it as empty`;
  const where = whereSet(ctx, value.raw, service);
  let text = `**In effect:** ${code(value.raw.text)}`;
  if (value.error) text += ` — Postfix cannot expand it: ${value.error}`;
  else if (value.expanded !== value.raw.text) text += ` → ${code(value.expanded ?? '')}`;
  text += `, from ${where}`;
  if (value.machineDependent.length) {
    text += `; ${value.machineDependent.map((n) => `\`$${n}\``).join(', ')} ${value.machineDependent.length > 1 ? 'are' : 'is'} computed on the mail server (\`postconf -d\`)`;
  }
  return text;
}

const TYPE_WORDS: Record<ParamType, string> = {
  str: 'text',
  str_fn: 'text',
  raw: 'text (the program expands `$` in it when used, not when read)',
  bool: 'yes or no',
  nbool: 'yes or no',
  int: 'whole number',
  nint: 'whole number',
  long: 'whole number',
  time: 'time',
};

/** The type in words, with bounds and, for times, the unit of a bare number. */
export function typeWords(facts: ValueCheckFacts | undefined, defaultValue?: string): string | undefined {
  if (!facts?.type) return undefined;
  let text = TYPE_WORDS[facts.type];
  if (facts.type === 'time') {
    const unit = /[smhdw]$/.exec(defaultValue ?? '')?.[0] ?? 's';
    text += ` (a number with unit s, m, h, d or w; a bare number counts in ${UNIT_NAMES[unit]})`;
  }
  const bounds: string[] = [];
  if (facts.min) bounds.push(`at least ${facts.min}`);
  if (facts.max) bounds.push(`at most ${facts.max}`);
  return bounds.length ? `${text}, ${bounds.join(' and ')}` : text;
}

const UNIT_NAMES: Record<string, string> = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };

/** The `transport_*` template a service-defined suffix is documented under (for its since and link). */
export function templateOf(suffix: string): ParamFacts | undefined {
  return SERVICE_SUFFIXES.suffixes.includes(suffix) || suffix === '_time_limit' ? paramFacts(`transport${suffix}`) : undefined;
}

/** The postconf(5) link for a parameter (or its template). */
export function postconfLink(anchor: string): string {
  return `[postconf(5): ${anchor}](https://www.postfix.org/postconf.5.html#${anchor})`;
}
