/**
 * The completion items themselves: parameter names, values, `$` references, master.cf
 * field values and commands. Each item carries a textEdit over the exact range it
 * replaces, so accepting it never leaves half a word behind.
 */
import {
  CompletionItem, CompletionItemKind, CompletionItemTag, Range, TextEdit,
} from 'vscode-languageserver-types';
import { allParamNames, defaultText, deprecation, isBuiltin, paramFacts, templateDefault } from '../kb/knowledgeBase';
import { PROGRAM_NAMES, programInfo } from '../kb/programs';
import { valueChoices } from '../kb/valueSets';
import { rawValue } from '../model/effective';
import { parseLevel } from '../model/expand';
import { MasterEntry } from '../syntax/masterCf';
import { ServiceDefined } from '../model/names';
import { SERVICE_SUFFIXES } from '../kb/knowledgeBase';

const serviceSuffixes = (): string[] => [...new Set([...SERVICE_SUFFIXES.suffixes, ...SERVICE_SUFFIXES.pipeAlso, ...SERVICE_SUFFIXES.spawnOnly])];
import { isQmgrParameter, masterOnlyReader, programReads, readerOfProgram, readersOf } from '../model/scope';
import { FeatureContext } from './context';
import { inEffect } from './hover/describe';

const MAX_DETAIL = 60;
const short = (text: string): string => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text);

/** A document range [start, end) as an LSP range in the request's file. */
export function rangeOf(ctx: FeatureContext, start: number, end: number): Range {
  return ctx.file.lines.range(start, end);
}

interface NameItemsInput {
  range: Range;
  /** Appended to the name when inserted: " = " in main.cf, "=" after -o, "" when one follows. */
  suffix: string;
  /** What is typed of the name so far: large configurations only offer names that start with it. */
  typed?: string;
}

/**
 * Above these sizes a configuration is "large": service-defined and user-set names are
 * offered only when they start with what is typed, and the list is marked incomplete so
 * the editor asks again as the user types (a 10,000-transport master.cf has 160,000
 * service-defined names).
 */
const LARGE_SERVICES = 300;
const LARGE_ENTRIES = 2000;

export function isLargeConfiguration(ctx: FeatureContext): boolean {
  return ctx.config.master.entries.length > LARGE_SERVICES || ctx.config.main.entries.length > LARGE_ENTRIES;
}

/** Service-defined names to offer: all of them, or in a large configuration those that start with `typed`. */
function serviceDefinedOffered(ctx: FeatureContext, typed: string): [string, ServiceDefined][] {
  const names = ctx.config.names;
  if (!isLargeConfiguration(ctx)) return [...names.serviceDefined];
  if (!typed) return [];
  const out: [string, ServiceDefined][] = [];
  for (const entry of ctx.config.master.entries) {
    const name = entry.serviceText;
    if (!name.startsWith(typed) && !typed.startsWith(name)) continue;
    for (const suffix of serviceSuffixes()) {
      const full = name + suffix;
      const defined = full.startsWith(typed) ? names.serviceDefinedFor(full) : undefined;
      if (defined) out.push([full, defined]);
    }
    if (out.length > 1000) break;
  }
  return out;
}

/** Every parameter name of the target release plus the service-defined names. */
export function parameterNameItems(ctx: FeatureContext, { range, suffix, typed = '' }: NameItemsInput): CompletionItem[] {
  const { config } = ctx;
  const items: CompletionItem[] = [];
  for (const name of allParamNames()) {
    const facts = paramFacts(name)!;
    if (!isBuiltin(name, config.release) || facts.readOnly) continue;
    const value = defaultText(facts, config.release);
    const item = nameItem(name, `${facts.type ?? 'parameter'} · default: ${defaultWords(facts, value)}`, range, suffix);
    if (deprecation(name, config.release)) item.tags = [CompletionItemTag.Deprecated];
    items.push(item);
  }
  for (const [name, { service, suffix: kind }] of serviceDefinedOffered(ctx, typed)) {
    const value = templateDefault(kind);
    items.push(nameItem(name, `${service.serviceText} transport · default: ${short(value ?? '')}`, range, suffix));
  }
  return items;
}

const QMGR_PROGRAMS = new Set(['qmgr', 'nqmgr', 'oqmgr']);

/**
 * Parameter name items for an `-o` of a service that runs `program`: the names it reads
 * for itself first, then those every program reads, then the ones nothing is known about;
 * the names the checks would flag on that service (scope-mismatch,
 * qmgr-parameter-in-service) are left out. Unchanged when the program is not known.
 */
export function forProgram(program: string | undefined, items: CompletionItem[]): CompletionItem[] {
  if (!program) return items;
  const reader = readerOfProgram(program);
  const out: CompletionItem[] = [];
  for (const item of items) {
    const name = item.label;
    if (isQmgrParameter(name) ? !QMGR_PROGRAMS.has(program) : masterOnlyReader(name) !== undefined) continue;
    const reads = programReads(program, name);
    if (reads === false) continue;
    const rank = reads === undefined ? 2 : readersOf(name).includes(reader) ? 0 : 1;
    out.push({ ...item, sortText: `${rank}${name}` });
  }
  return out;
}

function nameItem(name: string, detail: string, range: Range, suffix: string): CompletionItem {
  return { label: name, kind: CompletionItemKind.Property, detail, textEdit: TextEdit.replace(range, name + suffix), filterText: name };
}

interface ReferenceItemsInput {
  range: Range;
  /** The service whose `-o` value holds the caret: its own options come first. */
  service?: MasterEntry;
  /** The parameter being edited (referring to itself would loop). */
  exclude?: string;
  /** What is typed of the name so far (see isLargeConfiguration). */
  typed?: string;
}

/** Names a `$` reference can use here: built-in, service-defined and user-set ones. */
export function referenceItems(ctx: FeatureContext, { range, service, exclude, typed = '' }: ReferenceItemsInput): CompletionItem[] {
  const { config } = ctx;
  const large = isLargeConfiguration(ctx);
  const seen = new Set<string>(exclude ? [exclude] : []);
  const items: CompletionItem[] = [];
  const add = (name: string, detail: string): void => {
    if (seen.has(name) || !name || !/^[A-Za-z0-9_]+$/.test(name)) return;
    seen.add(name);
    items.push({ label: name, kind: CompletionItemKind.Variable, detail, textEdit: TextEdit.replace(range, name) });
  };
  if (service) for (const option of service.options) add(option.name.text, `-o here: ${short(option.value.text)}`);
  for (const entry of config.main.entries) {
    if (large && !entry.name.text.startsWith(typed)) continue;
    add(entry.name.text, `main.cf: ${short(rawValue(config, entry.name.text)?.text ?? '')}`);
  }
  for (const [name, defined] of serviceDefinedOffered(ctx, typed)) add(name, `${defined.service.serviceText} transport`);
  for (const name of allParamNames()) {
    if (isBuiltin(name, config.release)) add(name, `default: ${defaultWords(paramFacts(name)!, defaultText(paramFacts(name)!, config.release))}`);
  }
  return items;
}

/** yes/no for booleans, the keyword set for keyword-valued parameters. */
export function valueItems(ctx: FeatureContext, name: string, range: Range): CompletionItem[] {
  const facts = paramFacts(name);
  if (facts?.type === 'bool' || facts?.type === 'nbool') {
    return ['yes', 'no'].map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: TextEdit.replace(range, v) }));
  }
  const choices = valueChoices(name, ctx.config.release);
  if (!choices) return [];
  return choices.values.map((v, i) => ({
    label: v.value, kind: CompletionItemKind.EnumMember, detail: v.note, sortText: String(i).padStart(2, '0'),
    textEdit: TextEdit.replace(range, v.value),
  }));
}

const TYPES: [string, string][] = [
  ['unix', 'local stream socket (private/ or public/)'],
  ['inet', 'TCP socket, reachable over the network'],
  ['unix-dgram', 'local datagram socket (postlogd)'],
  ['pass', 'receives connections handed over by another process'],
  ['fifo', 'named pipe (old style)'],
];

/** Items for master.cf field `index` (0-based; 1 = type ... 7 = command). */
export function fieldItems(ctx: FeatureContext, index: number, range: Range): CompletionItem[] {
  const item = (label: string, detail: string, kind: CompletionItemKind = CompletionItemKind.Value): CompletionItem => ({
    label, detail, kind, textEdit: TextEdit.replace(range, label),
  });
  switch (index) {
    case 1: return TYPES.map(([t, d]) => item(t, d, CompletionItemKind.Keyword));
    case 2: return [item('-', 'default: y (private)'), item('y', 'private socket (private/)'), item('n', 'public socket (public/); required for inet')];
    case 3: return [item('-', 'default: y (unprivileged)'), item('y', 'run as the mail owner'), item('n', 'run as root (local, pipe, spawn, virtual)')];
    case 4: return [item('-', `default: ${chrootDefault(ctx)}`), item('y', 'chroot to the queue directory'), item('n', 'no chroot')];
    case 5: return [item('-', 'default: 0, no wake-up'), item('0', 'no wake-up')];
    case 6: {
      const limit = inEffect(ctx.config, 'default_process_limit').expanded ?? 'default_process_limit';
      return [item('-', `default_process_limit = ${limit}`), item('0', 'no process limit'), item('1', 'a single process')];
    }
    case 7:
      return PROGRAM_NAMES.map((p) => item(p, programInfo(p)!.summary, CompletionItemKind.Module));
    default: return [];
  }
}

/** The chroot `-` default: y while compatibility_level < 1, else n. */
function chrootDefault(ctx: FeatureContext): string {
  const level = parseLevel(inEffect(ctx.config, 'compatibility_level').expanded ?? '');
  if (!level) return 'n (y below compatibility_level 1)';
  return level[0] < 1 ? 'y (compatibility_level < 1)' : 'n';
}

/** A default for a completion's detail: computed ones are named so, not shown as empty. */
function defaultWords(facts: { computed?: boolean }, value: string | undefined): string {
  return facts.computed ? 'computed where Postfix runs' : short(value ?? '');
}
