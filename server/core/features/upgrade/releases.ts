/**
 * The two releases of an upgrade review, read strictly: a review between releases the
 * product does not know would be a guess. A known release or series ("3.7", "3.7.11",
 * "3.12") is taken as it is; a patch release between two known ones of its series
 * ("3.5.26") stands for the nearest older known one, and the review says so; anything
 * else (malformed, older than the oldest, newer than the newest) is refused with the
 * list of releases known.
 */
import { RELEASES, Release, resolveRelease } from '../../kb/knowledgeBase';

export type UpgradeReleases = { from: Release; to: Release; error?: undefined } | { error: string };

/** Both releases of a review, or a message that says what is wrong and lists the known releases. */
export function upgradeReleases(from: string | undefined, to: string | undefined): UpgradeReleases {
  const old = releaseOf(from, 'upgraded from');
  if ('error' in old) return old;
  const next = releaseOf(to, 'upgraded to');
  if ('error' in next) return next;
  return { from: old.release, to: next.release };
}

/** One release of a review; `role` names it in the message ("upgraded from"). */
export function releaseOf(text: string | undefined, role: string): { release: Release } | { error: string } {
  const want = (text ?? '').trim();
  if (!want) return { error: `No release to review ${role}. ${knownList()}` };
  if (!/^\d+\.\d+(\.\d+|-\d{8}|-dev)?$/.test(want)) return { error: `"${want}" (the release ${role}) is not a Postfix release such as 3.7 or 3.7.11. ${knownList()}` };
  const release = resolveRelease(want);
  if (!release.fallback) return { release };
  // Only a patch release inside a series the product knows may stand in for its neighbour.
  const series = `${release.major}.${release.minor}`;
  const [major, minor] = want.split(/[.-]/).map(Number);
  if (`${major}.${minor}` === series && !release.fallback.includes('older than every')) return { release };
  return { error: `Postfix ${want} (the release ${role}) is not among the releases known here. ${knownList()}` };
}

function knownList(): string {
  return `Known releases: ${RELEASES.join(', ')} (a series such as 3.7 means its newest).`;
}
