/**
 * The main.cf look-ups one computation made: each name once, with the entry it found
 * (undefined: none). Kept as one flat [name, entry, name, entry, ...] array rather than
 * a Map: a 10,000-transport master.cf keeps one per transport, each of about a dozen
 * names, and a Map of that size costs several times the memory of the array.
 */
import type { MainEntry } from '../syntax/mainCf';

export class MainLookups {
  private pairs: (string | MainEntry | undefined)[] = [];

  /** Records that `name` gave `entry` (a name looked up again keeps one pair). */
  set(name: string, entry: MainEntry | undefined): void {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === name) {
        pairs[i + 1] = entry;
        return;
      }
    }
    pairs.push(name, entry);
  }

  /** Whether `name` was looked up. */
  has(name: string): boolean {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === name) return true;
    return false;
  }

  /** Calls `visit` for each name with the entry it gave. */
  forEach(visit: (name: string, entry: MainEntry | undefined) => void): void {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) visit(pairs[i] as string, pairs[i + 1] as MainEntry | undefined);
  }

  /** Calls `visit` for each name with its entry until it returns false; false if one did. */
  every(visit: (name: string, entry: MainEntry | undefined) => boolean): boolean {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (!visit(pairs[i] as string, pairs[i + 1] as MainEntry | undefined)) return false;
    return true;
  }

  /** Drops the array's spare capacity once the computation is done (the list is kept long). */
  trim(): this {
    this.pairs = this.pairs.slice();
    return this;
  }
}
