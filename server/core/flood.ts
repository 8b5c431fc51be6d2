/**
 * Keeps a file's diagnostics readable when something is badly wrong with it: a file that
 * is not a Postfix configuration gets only its not-postfix-config finding, and no file
 * gets more than MAX_FINDINGS_PER_FILE (beyond that an editor, and the LSP channel, drown
 * while the user learns nothing more).
 */
import { defaultSeverity } from './diagnosticCodes';
import { Finding, Place, Severity } from './findings';

export const MAX_FINDINGS_PER_FILE = 1000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Applies both limits to the findings of one analysis. What a limit leaves out is counted
 * by code in the data of the finding that says so (`hidden`: code -> count), so a client,
 * or a check that a fix did not make things worse, can see the totals behind it.
 */
export function limitFlood(findings: Finding[]): Finding[] {
  const foreign = new Map<string, Record<string, number>>();
  for (const f of findings) if (f.code === 'not-postfix-config') foreign.set(fileKey(f), {});
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const hidden = f.code === 'not-postfix-config' ? undefined : foreign.get(fileKey(f));
    if (hidden) {
      hidden[f.code] = (hidden[f.code] ?? 0) + 1;
      continue;
    }
    let list = byFile.get(fileKey(f));
    if (!list) byFile.set(fileKey(f), (list = []));
    list.push(f.code === 'not-postfix-config' ? { ...f, data: { ...f.data, hidden: foreign.get(fileKey(f)) } } : f);
  }
  const out: Finding[] = [];
  for (const list of byFile.values()) out.push(...(list.length > MAX_FINDINGS_PER_FILE ? cap(list[0], list) : list));
  return out;
}

/** Each lookup table is a file of its own. */
const fileKey = (f: Place): string => (f.file === 'map' ? `map:${f.map}` : f.file);

/** The most severe, earliest findings, and one note saying how many more there are, by code. */
function cap({ file, map }: Place, list: Finding[]): Finding[] {
  const rank = (f: Finding): number => RANK[f.severity ?? defaultSeverity(f.code)];
  const sorted = [...list].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const kept = sorted.slice(0, MAX_FINDINGS_PER_FILE);
  const hidden: Record<string, number> = {};
  for (const f of sorted.slice(MAX_FINDINGS_PER_FILE)) hidden[f.code] = (hidden[f.code] ?? 0) + 1;
  const count = (n: number): string => n.toLocaleString('en-US');
  const byCode = Object.entries(hidden).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, n]) => `${count(n)} ${code}`);
  kept.push({
    code: 'too-many-problems', file, ...(map === undefined ? {} : { map }), start: 0, end: 0,
    message: `${count(list.length - kept.length)} more problems in this file are not shown (at most ${count(MAX_FINDINGS_PER_FILE)} are): ${byCode.join(', ')}. Fix the ones above first.`,
    data: { hidden },
  });
  return kept;
}
