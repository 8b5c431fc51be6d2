/**
 * The values of an access(5) table (one a `check_*_access` restriction names), read as
 * smtpd's check_table_result() reads them: the first word is an action (OK, REJECT, ...,
 * compared ignoring case), or the value is all digits (permit), or a 4xx/5xx code with
 * text; anything else is a list of restrictions, and a name smtpd does not know there (nor a
 * restriction class of smtpd_restriction_classes) makes it answer every client the table
 * matches with a temporary error, as does a lookup table named in the value. The names
 * come from each release's own source (kb: accessValueNames); only a value no reading of
 * the release accepts is reported.
 */
import type { Finding } from '../findings';
import type { Configuration } from '../model/configuration';
import { expandRaw } from '../model/effective';
import type { MasterEntry } from '../syntax/masterCf';
import { accessValueNames } from '../kb/knowledgeBase';
import { DerivedKey, StoreKey } from '../caches';
import type { MapEntry, MapFile } from './mapFile';
import { isFlatMap } from './fastIndexed';
import { followedStore, followedVerdicts } from './followedChecks';

/** How a value reads: fine, or why smtpd would fail on it. */
export type AccessVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'table'; word: string; start: number; end: number };

/** What a value may name besides the release's actions and restrictions; undefined: anything (a class list with `$`). */
const CLASSES = new DerivedKey<Set<string> | undefined>('restriction classes of smtpd_restriction_classes');

function restrictionClasses(config: Configuration): Set<string> | undefined {
  return config.derive(CLASSES, () => {
    const out = new Set<string>();
    const add = (text: string, service?: MasterEntry): boolean => {
      const expanded = expandRaw(config, text, service);
      const value = expanded.value;
      if (value.includes('$') || expanded.undefinedNames?.length) return false;
      for (const name of value.split(/[\s,]+/)) if (name) out.add(name.toLowerCase());
      return true;
    };
    const main = config.mainEntry('smtpd_restriction_classes');
    if (main && !add(main.value.text)) return undefined;
    for (const service of config.services) {
      for (const option of service.entry.options) {
        if (option.name.text === 'smtpd_restriction_classes' && !add(option.value.text, service.entry as MasterEntry)) return undefined;
      }
    }
    return out;
  });
}

/** How smtpd reads `value` (offsets relative to the value), with the names of `config`'s release. */
export function accessVerdict(config: Configuration, value: string): AccessVerdict {
  const { actions, restrictions } = accessValueNames(config.release);
  const command = /^[^ \t]*/.exec(value)![0];
  const upper = command.toUpperCase();
  if (actions.includes(upper)) return { ok: true };
  if (/^\d+$/.test(value)) return { ok: true };
  if (/^[45]\d\d$/.test(command) && value.length > command.length && value.slice(command.length).trim()) return { ok: true };
  // A regexp:/pcre: rule's $n is filled in at lookup time: only what no substitution changes is judged.
  if (command.includes('$')) return { ok: true };
  const colon = value.indexOf(':');
  if (colon >= 0 && !value.includes('$')) {
    const start = Math.max(0, value.lastIndexOf(' ', colon) + 1, value.lastIndexOf(',', colon) + 1, value.lastIndexOf('\t', colon) + 1);
    const end = start + /^[^\s,]*/.exec(value.slice(start))![0].length;
    return { ok: false, reason: 'table', word: value.slice(start, end), start, end };
  }
  const first = /^[\s,]*([^\s,]*)/.exec(value)!;
  const word = first[1];
  const start = first[0].length - word.length;
  if (!word || restrictions.includes(word.toLowerCase())) return { ok: true };
  const classes = restrictionClasses(config);
  if (!classes || classes.has(word.toLowerCase())) return { ok: true };
  return { ok: false, reason: 'unknown', word, start, end: start + word.length };
}

/** Per table version: an edit elsewhere keeps the findings of a large table. */
const KEPT = new StoreKey('access values per table version', () => new WeakMap<MapFile, { main: unknown; master: unknown; release: number; path: string; findings: Finding[] }>());

const FOLLOWED = followedStore<Extract<AccessVerdict, { ok: false }>>('access values per flat table version');

/** Findings for the values of an access table at `path`. */
export function accessValueFindings(config: Configuration, path: string, tree: MapFile): Finding[] {
  if (isFlatMap(tree)) {
    const seen = new Map<string, AccessVerdict>();
    const judge = (value: string): Extract<AccessVerdict, { ok: false }> | undefined => {
      let verdict = seen.get(value);
      if (!verdict) seen.set(value, (verdict = accessVerdict(config, value)));
      return verdict.ok ? undefined : verdict;
    };
    const { indices, verdicts } = followedVerdicts(config, FOLLOWED, tree, [config.main, config.master, config.release.index, path], judge);
    return indices.map((i, n) => finding(config, path, tree.entry(i), verdicts[n]));
  }
  const store = config.caches.store(KEPT);
  const kept = store.get(tree);
  if (kept && kept.main === config.main && kept.master === config.master && kept.release === config.release.index && kept.path === path) return kept.findings;
  const findings: Finding[] = [];
  const seen = new Map<string, AccessVerdict>();
  for (const entry of tree.entries) {
    if ('op' in entry && (entry as MapEntry & { op: string }).op !== 'match') continue;
    let verdict = seen.get(entry.value);
    if (!verdict) seen.set(entry.value, (verdict = accessVerdict(config, entry.value)));
    if (!verdict.ok) findings.push(finding(config, path, entry, verdict));
  }
  store.set(tree, { main: config.main, master: config.master, release: config.release.index, path, findings });
  return findings;
}

function finding(config: Configuration, path: string, entry: MapEntry, verdict: Extract<AccessVerdict, { ok: false }>): Finding {
  const message = verdict.reason === 'table'
    ? `"${verdict.word}": smtpd does not open lookup tables named in an access table's value; it logs a warning and answers with a temporary error. Define a restriction class in smtpd_restriction_classes and name the class here.`
    : `"${verdict.word}" is neither an access action nor a restriction or restriction class Postfix ${config.release.name} knows: smtpd answers with a temporary error when this entry matches.`;
  return {
    code: 'map-access-action', file: 'map', map: path,
    start: Math.min(entry.valueStart + verdict.start, entry.valueEnd), end: Math.min(entry.valueStart + verdict.end, entry.valueEnd),
    message, data: { word: verdict.word },
  };
}
