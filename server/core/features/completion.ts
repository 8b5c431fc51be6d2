/**
 * Completion: parameter names (at the start of a main.cf line, after `-o ` in master.cf),
 * values (booleans and keyword sets), `$` references (after `$`, `${`, `$(`), and the
 * master.cf type, flag and command fields. The context is read from the text around
 * the caret and the parse tree, the way Postfix splits the line.
 */
import { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { isSpace } from '../syntax/logicalLines';
import { Arg, FIELD_NAMES, MasterItem } from '../syntax/masterCf';
import { FeatureContext } from './context';
import { fieldItems, forProgram, isLargeConfiguration, parameterNameItems, rangeOf, referenceItems, valueItems } from './completionItems';
import { programOf } from '../model/services';
import { lastBefore, mainEntryAt, onLineAt, serviceAt, touches } from './locate';

const isNameChar = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_]/.test(ch);
const isValueChar = (ch: string | undefined): boolean => ch !== undefined && !isSpace(ch) && ch !== ',';

/**
 * The completion list the server answers with. A large configuration's list only holds
 * the names that start with what is typed, so it is marked incomplete: the editor asks
 * again as the user types instead of filtering a stale list.
 */
export function completionList(ctx: FeatureContext, offset: number): CompletionList {
  return { isIncomplete: isLargeConfiguration(ctx), items: completion(ctx, offset) };
}

/** Completion items at `offset` of the request's file; [] where nothing fits. */
export function completion(ctx: FeatureContext, offset: number): CompletionItem[] {
  const text = ctx.file.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/^\s*#/.test(before)) return [];
  const ref = referenceContext(text, offset);
  if (ref) {
    const service = serviceAt(ctx, offset);
    return referenceItems(ctx, { range: rangeOf(ctx, ref.start, ref.end), service, exclude: ownerOf(ctx, offset), typed: text.slice(ref.start, offset) });
  }
  return ctx.file.kind === 'main' ? mainCompletion(ctx, offset, lineStart) : masterCompletion(ctx, offset, lineStart);
}

/** The parameter whose value holds the caret: a reference to it would be a loop. */
function ownerOf(ctx: FeatureContext, offset: number): string | undefined {
  const entry = mainEntryAt(ctx, offset);
  if (entry) return entry.name.text;
  const option = serviceAt(ctx, offset)?.options.find((o) => touches(o.arg, offset));
  return option?.name.text;
}

/** After `$`, `${` or `$(` (not `$$`): the range of the name being typed. */
export function referenceContext(text: string, offset: number): { start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && isNameChar(text[start - 1])) start--;
  let dollar = start - 1;
  if (text[dollar] === '{' || text[dollar] === '(') dollar--;
  if (text[dollar] !== '$') return undefined;
  let dollars = 0;
  for (let i = dollar; i >= 0 && text[i] === '$'; i--) dollars++;
  if (dollars % 2 === 0) return undefined;
  let end = offset;
  while (isNameChar(text[end])) end++;
  return { start, end };
}

/** The run of `accept` characters around the caret. */
function wordAt(text: string, offset: number, accept: (ch: string | undefined) => boolean): { start: number; end: number } {
  let start = offset;
  while (start > 0 && accept(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && accept(text[end])) end++;
  return { start, end };
}

function mainCompletion(ctx: FeatureContext, offset: number, lineStart: number): CompletionItem[] {
  const text = ctx.file.text;
  const before = text.slice(lineStart, offset);
  if (!/[\s=]/.test(before)) {
    // The first word of a line that does not start with white space: a parameter name.
    const word = wordAt(text, offset, (ch) => ch !== undefined && !isSpace(ch) && ch !== '=');
    const lineEnd = text.indexOf('\n', offset);
    const rest = text.slice(word.end, lineEnd < 0 ? text.length : lineEnd);
    return parameterNameItems(ctx, { range: rangeOf(ctx, word.start, word.end), suffix: /^\s*=/.test(rest) ? '' : ' = ', typed: text.slice(word.start, offset) });
  }
  const entry = onLineAt(ctx.config.main.entries, offset) ?? continuedEntry(ctx, offset, before);
  if (!entry || offset <= entry.equals) return [];
  const word = wordAt(text, offset, isValueChar);
  return valueItems(ctx, entry.name.text, rangeOf(ctx, word.start, word.end));
}

/** On a blank continuation line, the entry it would continue (the last one before it). */
function continuedEntry(ctx: FeatureContext, offset: number, before: string) {
  if (!isSpace(before[0])) return undefined;
  const last = lastBefore(ctx.config.main.items, offset);
  return last?.kind === 'entry' ? last : undefined;
}

function masterCompletion(ctx: FeatureContext, offset: number, lineStart: number): CompletionItem[] {
  const text = ctx.file.text;
  const first = text[lineStart];
  // On an empty line the caret starts a new entry's service name: nothing to offer.
  if (first === undefined || first === '\n' || first === '\r') return [];
  const item = masterItemAt(ctx, offset, isSpace(first));
  if (!item) return [];
  const args = argsOf(item);
  const currentIndex = args.findIndex((a) => a.start <= offset && offset <= a.end);
  const current = currentIndex >= 0 ? args[currentIndex] : undefined;
  const index = current ? currentIndex : args.filter((a) => a.end < offset).length;
  if (index < FIELD_NAMES.length) {
    const range = current ? rangeOf(ctx, current.start, current.end) : rangeOf(ctx, offset, offset);
    return fieldItems(ctx, index, range);
  }
  return optionCompletion(ctx, offset, args[index - 1], current, item.kind === 'service' ? programOf(item.commandText) : undefined);
}

/**
 * After `-o `: a name, those the service's `program` reads first, without those the checks
 * would flag there; after `-o name=`: a value. The long form `-o { name = value }` too.
 */
function optionCompletion(ctx: FeatureContext, offset: number, previous: Arg | undefined, current: Arg | undefined, program?: string): CompletionItem[] {
  if (previous?.text !== '-o') return [];
  const text = ctx.file.text;
  if (!current) return forProgram(program, parameterNameItems(ctx, { range: rangeOf(ctx, offset, offset), suffix: '=' }));
  let nameStart = current.start;
  if (text[nameStart] === '{') {
    nameStart++;
    while (nameStart < offset && isSpace(text[nameStart])) nameStart++;
  }
  const equals = text.indexOf('=', nameStart);
  const hasEquals = equals >= 0 && equals < current.end;
  if (!hasEquals || offset <= equals) {
    const word = wordAt(text, offset, (ch) => ch !== undefined && !isSpace(ch) && ch !== '=' && ch !== '{' && ch !== '}');
    const start = Math.max(word.start, nameStart);
    return forProgram(program, parameterNameItems(ctx, { range: rangeOf(ctx, start, word.end), suffix: hasEquals ? '' : '=', typed: text.slice(start, offset) }));
  }
  const name = text.slice(nameStart, equals).trim();
  const word = wordAt(text, offset, (ch) => isValueChar(ch) && ch !== '}');
  return valueItems(ctx, name, rangeOf(ctx, Math.max(word.start, equals + 1), word.end));
}

/** The master.cf entry (complete or not) whose logical line holds the caret. */
function masterItemAt(ctx: FeatureContext, offset: number, continuation: boolean): MasterItem | undefined {
  const items = ctx.config.master.items;
  const hit = onLineAt(items, offset);
  if (hit || !continuation) return hit;
  // A blank continuation line is not part of any logical line yet: it continues the last one.
  return lastBefore(items, offset);
}

function argsOf(item: MasterItem): Arg[] {
  if (item.kind === 'problem') return item.args;
  const fields = item.fields;
  return [...FIELD_NAMES.map((f) => fields[f]), ...item.args];
}
