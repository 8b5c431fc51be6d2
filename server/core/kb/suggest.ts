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
