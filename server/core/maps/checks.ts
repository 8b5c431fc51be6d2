/**
 * Findings in lookup tables: what Postfix reports while reading each table the
 * configuration names (the tree's problems), what makes no sense for the table's use (a
 * transport map naming a transport master.cf lacks), and what the host saw of the files
 * (unreadable, database older than its source).
 */
import type { ConfigFiles, SourceFile } from '../document';
import type { CheckedFinding, Finding } from '../findings';
import { limitFlood } from '../flood';
import { AnalysisSettings, isOff, severityOf } from '../settings';
import type { Configuration } from '../model/configuration';
import { MapFile, MapProblem, MapProblemCode } from './mapFile';
import { StoreKey } from '../caches';
import { MapReference, MapRole, mapReferences } from './references';
import { accessValueFindings } from './accessValues';
import { isFlatMap } from './fastIndexed';
import { followedStore, followedVerdicts } from './followedChecks';

/** What the host found when it tried to read a table's source file. */
export interface MapStatus {
  /** Why the file could not be checked (it is then absent from `ConfigFiles.maps`). */
  unreadable?: string;
  /**
   * The file is neither beside main.cf nor at its path: a configuration kept without its
   * tables is common, so this is no finding (`unreadable` still says it, for hovers).
   */
  missing?: boolean;
  /** The database file that is older than the source (e.g. /etc/postfix/transport.db). */
  staleDatabase?: string;
}

const CODE_OF: Record<MapProblemCode, string> = {
  'unbalanced-quote': 'map-malformed-line',
  'expected-format': 'map-malformed-line',
  'leading-whitespace': 'map-malformed-line',
  'nul-byte': 'map-malformed-line',
  'alias-format': 'map-alias-format',
  'duplicate-key': 'map-duplicate-key',
  'regexp-syntax': 'map-regexp-syntax',
};

/** mapFindings() with the user's levels applied, as analyze() does for main.cf and master.cf. */
export function analyzeMaps(config: Configuration, files: ConfigFiles, settings: AnalysisSettings): CheckedFinding[] {
  if (!files.maps?.size && !files.mapStatus?.size) return [];
  const found = mapFindings(config, files).filter((f) => !isOff(settings, f.code));
  return limitFlood(found).filter((f) => !isOff(settings, f.code)).map((f) => ({ ...f, severity: severityOf(settings, f) }));
}

/** Every finding about the tables of `files`, and about the places naming tables that cannot be checked. */
export function mapFindings(config: Configuration, files: ConfigFiles): Finding[] {
  const out: Finding[] = [];
  // The first place naming each table, and what the tables read are used for. Nothing per
  // reference beyond that: a configuration can name 15,000 tables, and this runs per check.
  const firstOf = new Map<string, MapReference>();
  const rolesOf = new Map<string, Set<MapRole>>();
  for (const r of mapReferences(config)) {
    if (!firstOf.has(r.path)) firstOf.set(r.path, r);
    if (!files.maps?.has(r.path)) continue;
    const roles = rolesOf.get(r.path);
    if (roles) roles.add(r.role);
    else rolesOf.set(r.path, new Set([r.role]));
  }
  for (const [path, file] of files.maps ?? []) {
    for (const p of file.tree.problems) out.push(problemFinding(path, file, p));
    const roles = rolesOf.get(path);
    if (roles?.has('transport') && config.hasMaster) out.push(...unknownTransports(config, path, file.tree));
    if (roles?.has('access')) out.push(...accessValueFindings(config, path, file.tree));
  }
  for (const [path, status] of files.mapStatus ?? []) {
    const first = firstOf.get(path);
    if (!first) continue;
    // `missing` first: the host may word a missing table's message only when it is read.
    if (!status.missing && status.unreadable) {
      out.push({ code: 'map-unreadable', file: first.file, start: first.start, end: first.end, message: `${first.type}:${path} is not checked: ${status.unreadable}.` });
    }
    if (status.staleDatabase && files.maps?.has(path)) {
      out.push({
        code: 'map-stale-database', file: 'map', map: path, start: 0, end: 0,
        message: `${path} changed after ${status.staleDatabase} was built: Postfix still uses the old entries. Run "postmap ${first.type}:${path}".`,
      });
    }
  }
  return out;
}

function problemFinding(path: string, file: SourceFile<MapFile>, p: MapProblem): Finding {
  const finding: Finding = { code: CODE_OF[p.code], file: 'map', map: path, start: p.start, end: p.end, message: messageOf(p) };
  if (p.code === 'regexp-syntax' && p.skipped === false) finding.severity = 'warning';
  if (p.code === 'duplicate-key' && p.first) {
    finding.related = [{ file: 'map', map: path, start: p.first.keyStart, end: p.first.keyEnd, message: 'The value Postfix keeps.' }];
    finding.unnecessary = true;
  }
  if (p.code === 'expected-format' || p.code === 'unbalanced-quote' || p.code === 'leading-whitespace') finding.unnecessary = true;
  void file;
  return finding;
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function messageOf(p: MapProblem): string {
  switch (p.code) {
    case 'unbalanced-quote': return 'A double quote is not closed before the end of the key: postmap ignores this line.';
    case 'expected-format': return 'postmap expects "key whitespace value" and ignores this line (a key without a value, or a value without a key).';
    case 'leading-whitespace': return 'The first line starts with white space, so there is nothing for it to continue: postmap ignores it.';
    case 'nul-byte': return 'A NUL byte: Postfix ignores the rest of this line.';
    case 'alias-format': return 'The key ends in ":" as in an aliases file; postmap keeps the colon in the key, so a lookup of the name without it finds nothing.';
    case 'duplicate-key': return `The key "${p.detail}" is already on line ${(p.first?.line ?? 0) + 1}: postmap keeps that value and ignores this one.`;
    case 'regexp-syntax': return p.skipped === false ? `${capitalized(p.detail ?? '')}.` : `Postfix skips this rule: ${p.detail}.`;
  }
}

/**
 * Per table version and master.cf version: an edit of main.cf (or of another table) keeps
 * the findings of a large table instead of reading its million entries again.
 */
const KEPT = new StoreKey('unknown transports per table version', () => new WeakMap<MapFile, { master: unknown; release: number; path: string; findings: Finding[] }>());

/**
 * Per flat table version: the entries with an unknown transport (entry numbers and names),
 * so that the next version, one edit away, scans only the edited lines.
 */
const FOLLOWED = followedStore<string>('unknown transports per flat table version');

/** Transport map values `transport:nexthop` whose transport master.cf does not define. */
function unknownTransports(config: Configuration, path: string, tree: MapFile): Finding[] {
  if (isFlatMap(tree)) {
    const known = new Map<string, boolean>();
    const { indices, verdicts } = followedVerdicts(config, FOLLOWED, tree, [config.master, config.release.index, path], (value) => unknownTransportOf(config, known, value));
    return indices.map((i, n) => unknownTransportFinding(path, tree.entry(i).valueStart, verdicts[n]));
  }
  const store = config.caches.store(KEPT);
  const kept = store.get(tree);
  if (kept && kept.master === config.master && kept.release === config.release.index && kept.path === path) return kept.findings;
  const findings = findUnknownTransports(config, path, tree);
  store.set(tree, { master: config.master, release: config.release.index, path, findings });
  return findings;
}

/** The transport of a transport(5) value when master.cf lacks it (`known` remembers the answers). */
function unknownTransportOf(config: Configuration, known: Map<string, boolean>, value: string): string | undefined {
  const name = transportOf(value);
  if (!name || name.includes('$')) return undefined;
  let ok = known.get(name);
  if (ok === undefined) known.set(name, (ok = config.servicesNamed(name).length > 0));
  return ok ? undefined : name;
}

function unknownTransportFinding(path: string, valueStart: number, name: string): Finding {
  return {
    code: 'map-unknown-transport', file: 'map', map: path, start: valueStart, end: valueStart + name.length,
    message: `master.cf has no service "${name}": mail this entry routes is deferred ("unknown mail transport").`,
    data: { transport: name },
  };
}

function findUnknownTransports(config: Configuration, path: string, tree: MapFile): Finding[] {
  const out: Finding[] = [];
  const known = new Map<string, boolean>();
  for (const entry of tree.entries) {
    const name = unknownTransportOf(config, known, entry.value);
    if (name) out.push(unknownTransportFinding(path, entry.valueStart, name));
  }
  return out;
}

/** The transport part of a transport(5) value: before the first ":" (empty: the default transport). */
export function transportOf(value: string): string | undefined {
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  return name && !/\s/.test(name) ? name : undefined;
}
