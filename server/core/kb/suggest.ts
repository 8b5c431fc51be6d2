/** "Did you mean" for parameter names: the closest candidates by edit distance. */

/** Optimal string alignment distance (Levenshtein plus swaps of neighbours). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

/**
 * Up to `max` candidates close to `name`: within a third of its length (at least 1,
 * at most 4 edits), nearest first, ties alphabetically.
 */
export function suggestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
  const scored: [number, string][] = [];
  const seen = new Set<string>();
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    // A name can be a candidate twice (set in main.cf and with -o): suggest it once.
    if (candidate === name || seen.has(candidate)) continue;
    seen.add(candidate);
    const d = editDistance(lower, candidate.toLowerCase(), limit);
    if (d <= limit) scored.push([d, candidate]);
  }
  scored.sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));
  return scored.slice(0, max).map(([, n]) => n);
}

/**
 * Candidates grouped by length, lower-cased once: two parallel lists per length rather
 * than a pair per candidate (a large main.cf's own names are tens of thousands of candidates).
 */
export type CandidateIndex = ReadonlyMap<number, { readonly lower: readonly string[]; readonly original: readonly string[] }>;

/**
 * A list of candidates, read with forEach: a Set, an array, or a view of a Map's keys.
 * (for...of over a Map's keys made an object per name, one per name per search.)
 */
export interface CandidateList {
  forEach(visit: (candidate: string) => void): void;
}

/** Builds the index a Suggester searches; build it once for a list used by many Suggesters. */
export function indexCandidates(candidates: CandidateList): CandidateIndex {
  return indexLists([candidates]);
}

function indexLists(lists: readonly CandidateList[]): CandidateIndex {
  const byLength = new Map<number, { lower: string[]; original: string[] }>();
  const seen = new Set<string>();
  const add = (candidate: string): void => {
    if (seen.has(candidate)) return;
    seen.add(candidate);
    let bucket = byLength.get(candidate.length);
    if (!bucket) byLength.set(candidate.length, (bucket = { lower: [], original: [] }));
    bucket.lower.push(lowerCase(candidate));
    bucket.original.push(candidate);
  };
  for (const list of lists) list.forEach(add);
  return byLength;
}

/**
 * toLowerCase() that returns a name without capitals as it is: V8 copies the string even
 * then, and parameter names rarely have capitals.
 */
function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return text.toLowerCase();
  }
  return text;
}

/** How much matching one Suggester may do in all, in dynamic-programming cells (~0.1 s). */
export const SUGGESTION_BUDGET = 20_000_000;

/**
 * Names a Suggester answers by reading its lists as they are before it indexes them. A
 * configuration has no unknown name or a few, and indexing a large main.cf's own
 * names for them on every keystroke allocated megabytes that a plain search does not.
 */
const SEARCHES_BEFORE_INDEX = 4;

/**
 * "Did you mean" for many names against one candidate list, as a rule needs it: the
 * same answers as suggestNames, but candidates are lower-cased and grouped by length once
 * (after the first few names), repeated names are answered from memory, and the total
 * work is bounded. A file with 200,000 unknown names would otherwise take minutes; past
 * the budget, names simply get no suggestion.
 */
export class Suggester {
  private byLength?: CandidateIndex;
  private readonly lists: readonly CandidateList[];
  private readonly memo = new Map<string, string[]>();
  private searches = 0;
  private spent = 0;
  private row0 = new Int32Array(0);
  private row1 = new Int32Array(0);
  private row2 = new Int32Array(0);

  /**
   * From a candidate list, from an index built once and shared (see indexCandidates), or
   * from several lists read in place (a name in more than one is suggested once).
   */
  constructor(candidates: CandidateList | CandidateIndex | { lists: readonly CandidateList[] }, private readonly budget = SUGGESTION_BUDGET) {
    if (candidates instanceof Map) this.byLength = candidates as CandidateIndex;
    this.lists = candidates instanceof Map ? [] : 'lists' in candidates ? candidates.lists : [candidates as CandidateList];
  }

  /** Up to `max` candidates close to `name`, as suggestNames ranks them. */
  suggest(name: string, max = 3): string[] {
    const key = `${max}\u0000${name}`;
    const known = this.memo.get(key);
    if (known) return known;
    const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
    const lower = name.toLowerCase();
    const scored: [number, string][] = [];
    const within = this.byLength || this.searches >= SEARCHES_BEFORE_INDEX
      ? this.searchIndex(name, lower, limit, scored)
      : this.searchLists(name, lower, limit, scored);
    if (!within) return [];
    scored.sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));
    const result: string[] = [];
    for (const [, candidate] of scored) {
      if (result.length === max) break;
      // Sorted, a candidate found in two lists sits next to itself.
      if (candidate !== result[result.length - 1]) result.push(candidate);
    }
    this.memo.set(key, result);
    return result;
  }

  /** Scores the indexed candidates of a length within `limit`; false past the budget. */
  private searchIndex(name: string, lower: string, limit: number, scored: [number, string][]): boolean {
    const byLength = (this.byLength ??= indexLists(this.lists));
    for (let length = Math.max(0, name.length - limit); length <= name.length + limit; length++) {
      const bucket = byLength.get(length);
      if (!bucket) continue;
      for (let i = 0; i < bucket.original.length; i++) {
        if (!this.score(name, lower, limit, bucket.original[i], bucket.lower[i], scored)) return false;
      }
    }
    return true;
  }

  /** The same, reading the lists; each candidate looked at costs one unit of budget. */
  private searchLists(name: string, lower: string, limit: number, scored: [number, string][]): boolean {
    this.searches++;
    const min = name.length - limit;
    const max = name.length + limit;
    let within = true;
    const visit = (candidate: string): void => {
      this.spent++;
      if (!within || candidate.length < min || candidate.length > max) return;
      within = this.score(name, lower, limit, candidate, lowerCase(candidate), scored);
    };
    for (const list of this.lists) list.forEach(visit);
    return within;
  }

  /** Scores one candidate into `scored`; false once the budget is spent. */
  private score(name: string, lower: string, limit: number, candidate: string, candidateLower: string, scored: [number, string][]): boolean {
    if (candidate === name) return true;
    if (this.spent > this.budget) return false;
    this.spent += (lower.length + 1) * (candidateLower.length + 1);
    const d = this.distance(lower, candidateLower, limit);
    if (d <= limit) scored.push([d, candidate]);
    return true;
  }

  /** editDistance with three reused rows instead of a fresh matrix per pair. */
  private distance(a: string, b: string, limit: number): number {
    if (this.row0.length <= b.length) {
      this.row0 = new Int32Array(b.length + 1);
      this.row1 = new Int32Array(b.length + 1);
      this.row2 = new Int32Array(b.length + 1);
    }
    let prev2 = this.row0; // row i - 2
    let prev = this.row1; // row i - 1
    let cur = this.row2; // row i
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      cur[0] = i;
      let rowMin = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur[j] = d;
        if (d < rowMin) rowMin = d;
      }
      if (rowMin > limit) return limit + 1;
      [prev2, prev, cur] = [prev, cur, prev2];
    }
    return prev[b.length];
  }
}
