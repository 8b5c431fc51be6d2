/**
 * Editor features in a lookup table: a hover on a key says what a lookup of it returns
 * (and, in a transport map, the transport and next-hop it routes to); completion offers
 * master.cf's transports in a transport map's values and the actions of access(5) in an
 * access map's.
 */
import { CompletionItem, CompletionItemKind, Hover, MarkupKind } from 'vscode-languageserver-types';
import type { ConfigFiles, SourceFile } from '../document';
import type { Configuration } from '../model/configuration';
import { MapEntry, MapFile } from './mapFile';
import { isFlatMap } from './fastIndexed';
import { MapRole, mapReferences } from './references';
import { transportOf } from './checks';
import { transportEntryMarkdown } from '../features/hover/transportEntry';
import { AnalysisSettings, DEFAULT_SETTINGS } from '../settings';
import { accessValueNames } from '../kb/knowledgeBase';

export interface MapFeatureContext {
  config: Configuration;
  files: ConfigFiles;
  file: SourceFile<MapFile>;
  /** For the budgets a transport map entry feeds (receivers of the postfix.receivers setting). */
  settings?: AnalysisSettings;
}

/** The path main.cf names this table by, and the uses it has there. */
function usesOf(ctx: MapFeatureContext): { path?: string; roles: Set<MapRole>; names: string[] } {
  const path = [...(ctx.files.maps ?? [])].find(([, f]) => f === ctx.file || f.uri === ctx.file.uri)?.[0];
  const refs = path === undefined ? [] : mapReferences(ctx.config).filter((r) => r.path === path);
  return { path, roles: new Set(refs.map((r) => r.role)), names: [...new Set(refs.map((r) => `${r.type}:${r.path} in ${r.parameter}${r.service ? ` (${r.service})` : ''}`))] };
}

const entryAt = (tree: MapFile, offset: number): MapEntry | undefined => {
  const within = (e: MapEntry): boolean => offset >= e.keyStart && offset <= Math.max(e.keyEnd, e.valueEnd);
  if (!isFlatMap(tree)) return tree.entries.find(within);
  // One entry per line, in order: the last one starting at or before the offset, found
  // without an object per entry of a million-line table.
  let lo = 0;
  let hi = tree.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tree.keyStartAt(mid) <= offset) lo = mid + 1;
    else hi = mid;
  }
  const e = lo > 0 ? tree.entry(lo - 1) : undefined;
  return e && within(e) ? e : undefined;
};

/** Hover on a table's entry: what Postfix answers for its key. */
export function mapHover(ctx: MapFeatureContext, offset: number): Hover | null {
  const tree = ctx.file.tree;
  const entry = entryAt(tree, offset);
  if (!entry) return null;
  const uses = usesOf(ctx);
  const lines: string[] = [];
  if (tree.syntax === 'indexed') {
    const winner = tree.lookup(entry.key);
    lines.push(`**${code(entry.key)}** → ${code(winner?.value ?? '')}`);
    if (winner && winner !== entry) lines.push('', `Postfix ignores this entry: the key is already on line ${winner.line + 1}, whose value wins.`);
    else lines.push('', `\`postmap -q\` answers this value for the key${/[A-Z]/.test(entry.key) ? ' (keys are case-folded)' : ''}.`);
  } else {
    lines.push(`**${code(entry.key)}** → ${code(entry.value)}`, '', 'A key this pattern matches gets this value, unless an earlier rule matches first.');
  }
  if (uses.roles.has('transport') && tree.syntax === 'indexed') lines.push('', transportLine(ctx, entry.value));
  // The routing as a whole: where mail for the key goes (another table may answer first) and the budgets it feeds.
  const routed = uses.roles.has('transport') && tree.syntax === 'indexed' && uses.path !== undefined
    ? transportEntryMarkdown({ config: ctx.config, settings: ctx.settings ?? DEFAULT_SETTINGS }, uses.path, entry.key) : undefined;
  if (routed) lines.push('', routed);
  if (uses.names.length) lines.push('', `Named as ${uses.names.map(code).join(', ')}.`);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: ctx.file.lines.range(entry.keyStart, entry.keyEnd),
  };
}

/** transport(5): `transport:nexthop`, either part may be empty. */
function transportLine(ctx: MapFeatureContext, value: string): string {
  const colon = value.indexOf(':');
  const transport = transportOf(value);
  const nexthop = colon < 0 ? '' : value.slice(colon + 1);
  const service = transport && ctx.config.servicesNamed(transport)[0];
  const how = !transport ? 'the default transport (unchanged)' : service ? `transport ${code(transport)} (master.cf line ${ctx.files.master!.lines.position(service.entry.line.start).line + 1})` : `transport ${code(transport)}, which master.cf does not define`;
  const where = !nexthop
    ? 'the next-hop is the recipient domain (MX lookup)'
    : /^\[.*\](:\d+)?$/.test(nexthop) ? `next-hop ${code(nexthop)} (no MX lookup)` : `next-hop ${code(nexthop)}`;
  return `Routes to ${how}; ${where}.`;
}

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;


/** Completion in a table's value: transports in a transport map, actions in an access map. */
export function mapCompletion(ctx: MapFeatureContext, offset: number): CompletionItem[] {
  const text = ctx.file.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // In the value, before any ":" (the transport part), and only on a line with a key.
  const m = /^(?:"[^"]*"|\\.|[^\s"\\])+[ \t]+([^\s:]*)$/.exec(before);
  if (!m || /^\s*#/.test(before)) return [];
  const uses = usesOf(ctx);
  const range = ctx.file.lines.range(offset - m[1].length, offset);
  if (uses.roles.has('transport')) {
    const names = [...new Set(ctx.config.services.filter((s) => s.type === 'unix' && s.role !== 'inbound').map((s) => s.name))];
    return names.map((name) => ({ label: name, kind: CompletionItemKind.Module, detail: 'master.cf transport', textEdit: { range, newText: `${name}:` } }));
  }
  if (uses.roles.has('access')) {
    // The release's access(5) actions (its restriction names are accepted too, and left to the user).
    return accessValueNames(ctx.config.release).actions.map((a) => ({ label: a, kind: CompletionItemKind.Keyword, detail: 'access(5) action', textEdit: { range, newText: a } }));
  }
  return [];
}
