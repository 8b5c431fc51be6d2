/**
 * Quick-fixes in lookup tables, keyed by code like FIXES (fixes/index.ts), reading what
 * the check put in the diagnostic and the table's current parse:
 * - map-duplicate-key: remove the later line, the one postmap ignores;
 * - map-unknown-transport: change the transport to a master.cf service of a similar name;
 * - map-access-action: change a misspelt action or restriction to the release's nearest name.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { SourceFile } from '../document';
import type { MapEntry, MapFile } from '../maps/mapFile';
import type { Configuration } from '../model/configuration';
import { suggestNames } from '../kb/suggest';
import { accessValueNames } from '../kb/knowledgeBase';
import { dataString, deleteLines, fixesFor, quickFix } from './actions';

export interface MapFixContext {
  config: Configuration;
  file: SourceFile<MapFile>;
}

type MapFixBuilder = (ctx: MapFixContext, diagnostic: Diagnostic) => CodeAction[];

/** The table's file as the action helpers take it (they read its uri, text and line index only). */
const asFile = (file: SourceFile<MapFile>): SourceFile => file as unknown as SourceFile;

/** The entry whose key (or value) starts where the diagnostic starts. */
function entryAt(ctx: MapFixContext, diagnostic: Diagnostic, where: 'key' | 'value'): MapEntry | undefined {
  const at = ctx.file.lines.offset(diagnostic.range.start);
  return ctx.file.tree.entries.find((e) => (where === 'key' ? e.keyStart === at : at >= e.valueStart && at < Math.max(e.valueEnd, e.valueStart + 1)));
}

const removeDuplicateKey: MapFixBuilder = (ctx, diagnostic) => {
  const entry = entryAt(ctx, diagnostic, 'key');
  // The duplicate must still be one: a later edit may have changed either line.
  const winner = entry && ctx.file.tree.lookup(entry.key);
  if (!entry || !winner || winner === entry) return [];
  const file = asFile(ctx.file);
  const first = entry.line + 1;
  const last = ctx.file.lines.position(entry.source.end).line + 1;
  const lines = first === last ? `line ${first}` : `lines ${first}-${last}`;
  return [quickFix({ title: `Remove the ignored entry (${lines})`, file, diagnostic, preferred: true, edits: deleteLines(file, entry.source) })];
};

/** Replace the flagged word by each suggestion. */
function replaceWord(ctx: MapFixContext, diagnostic: Diagnostic, word: string, suggestions: readonly string[]): CodeAction[] {
  const start = ctx.file.lines.offset(diagnostic.range.start);
  if (ctx.file.text.slice(start, start + word.length) !== word) return [];
  const file = asFile(ctx.file);
  return suggestions.map((name, i) => quickFix({
    title: `Change to "${name}"`, file, diagnostic, preferred: i === 0 && suggestions.length === 1,
    edits: [{ start, end: start + word.length, text: name }],
  }));
}

const similarTransport: MapFixBuilder = (ctx, diagnostic) => {
  const name = dataString(diagnostic, 'transport');
  if (!name) return [];
  const transports = ctx.config.services.filter((s) => s.type === 'unix' && s.role !== 'inbound').map((s) => s.name);
  return replaceWord(ctx, diagnostic, name, suggestNames(name, transports));
};

const similarAction: MapFixBuilder = (ctx, diagnostic) => {
  const word = dataString(diagnostic, 'word');
  if (!word || word.includes(':')) return [];
  const { actions, restrictions } = accessValueNames(ctx.config.release);
  // Written in capitals: an action was meant; else a restriction (smtpd ignores the case of either).
  const candidates = word === word.toUpperCase() ? actions : restrictions;
  return replaceWord(ctx, diagnostic, word, suggestNames(word, candidates));
};

const MAP_FIXES: Readonly<Record<string, MapFixBuilder>> = {
  'map-duplicate-key': removeDuplicateKey,
  'map-unknown-transport': similarTransport,
  'map-access-action': similarAction,
};

/** Code actions for the diagnostics of a lookup table. */
export function mapCodeActions(ctx: MapFixContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return fixesFor(MAP_FIXES, ctx, diagnostics);
}
