/**
 * Results kept per main.cf line (core/itemCache.ts) are reused while the names the line
 * sets and references keep their meaning. A computation that reads more than that (a
 * "did you mean" over every name of the configuration) says so here, and the line is
 * then checked again on every version.
 */
let noted = false;

/** Marks the line being checked as depending on the whole configuration. */
export function noteWideDependency(): void {
  noted = true;
}

/**
 * Starts watching for noteWideDependency() calls and returns whether one was noted since
 * the previous call (a loop over 100,000 lines calls this between lines, with no closure).
 */
export function takeWideDependency(): boolean {
  const was = noted;
  noted = false;
  return was;
}
