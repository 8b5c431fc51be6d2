/**
 * Parity with every Postfix release's own postconf: on the real configurations of
 * test/fixtures/corpus, the crafted cases of test/fixtures/parity and generated
 * configurations that exercise what differs between releases, the product checking
 * against release R must report exactly the names R's postconf warns about, by file:
 * unused (unknown-parameter or version-mismatch, also for names R says were removed),
 * undefined (undefined-reference), overriding (duplicate-parameter) and deprecated
 * (deprecated-parameter, naming the replacement R names).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_RELEASE } from '../../server/core/kb/knowledgeBase';
import { Configuration } from '../../server/core/model/configuration';
import { analyze } from '../../server/core/analyze';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { Finding } from '../../server/core/findings';
import { CORPUS_DIR } from '../helpers/corpus';
import { ROOT } from '../helpers/lspClient';
import { Oracle, OracleResult, WarningKind, oracles, releasesProblem, runOracle } from '../helpers/releases';
import { releaseCases } from '../helpers/releaseCases';

const CRAFTED = path.join(ROOT, 'test', 'fixtures', 'parity');

interface Case { name: string; main?: string; master?: string; corpus: boolean }

function folderCases(dir: string, corpus: boolean): Case[] {
  if (!existsSync(dir)) return [];
  const read = (d: string, f: string): string | undefined => (existsSync(path.join(dir, d, f)) ? readFileSync(path.join(dir, d, f), 'utf8') : undefined);
  return readdirSync(dir).sort()
    .filter((d) => existsSync(path.join(dir, d, 'main.cf')) || existsSync(path.join(dir, d, 'master.cf')))
    .map((d) => ({ name: path.relative(ROOT, path.join(dir, d)), main: read(d, 'main.cf'), master: read(d, 'master.cf'), corpus }));
}

const CASES: Case[] = [
  ...folderCases(CORPUS_DIR, true),
  ...folderCases(CRAFTED, false),
  ...releaseCases().map((c) => ({ ...c, name: `generated: ${c.name}`, corpus: false })),
];

/** What the product says, in postconf's categories: "kind file name" strings. */
function ours(c: Case, release: string): { keys: string[]; findings: Finding[]; replacements: Map<string, string | null> } {
  const config = new Configuration({ mainText: c.main, masterText: c.master, version: release });
  const findings = analyze(config, { ...DEFAULT_SETTINGS, version: release });
  const keys: string[] = [];
  const replacements = new Map<string, string | null>();
  const text = (f: Finding): string => (f.file === 'main' ? c.main : c.master) ?? '';
  for (const f of findings) {
    const name = String(f.data?.name ?? text(f).slice(f.start, f.end));
    const kind: WarningKind | undefined = {
      'unknown-parameter': 'unused', 'version-mismatch': 'unused', 'undefined-reference': 'undefined',
      'duplicate-parameter': 'overriding', 'deprecated-parameter': 'deprecated',
    }[f.code] as WarningKind | undefined;
    if (!kind) continue;
    keys.push(`${kind} ${f.file} ${name}`);
    if (f.data && 'replacement' in f.data) replacements.set(`${f.file} ${name}`, (f.data.replacement as string | null) ?? null);
  }
  return { keys: [...new Set(keys)].sort(), findings, replacements };
}

/** postconf's warnings as the same strings; "has been removed" is postconf's unused warning for a deprecated name. */
function theirs(result: OracleResult): string[] {
  return [...new Set(result.warnings.map((w) => `${w.kind === 'removed' ? 'unused' : w.kind} ${w.file} ${w.name}`))].sort();
}

/** The replacement an alternative names ('specify "x"' or a bare name), or null. */
const replacementIn = (alternative: string): string | null => /^(?:specify "(\w+)"|(\w+))$/.exec(alternative)?.slice(1).find(Boolean) ?? null;

const problem = releasesProblem();

describe('parity with each release\'s own postconf', { skip: problem }, () => {
  const all: Oracle[] = problem ? [] : oracles();
  it('has an oracle for every release of the knowledge base', () => {
    assert.ok(all.length > 1, 'at least the built releases');
  });
  for (const oracle of all) {
    describe(`Postfix ${oracle.label}`, () => {
      for (const c of CASES) {
        it(c.name, () => {
          const result = runOracle(oracle, c);
          const mine = ours(c, oracle.release);
          const postconf = theirs(result);
          // Both differences at once, short: a full list diff of hundreds of names gets cut.
          const onlyOurs = mine.keys.filter((k) => !postconf.includes(k));
          const onlyPostconf = postconf.filter((k) => !mine.keys.includes(k));
          assert.deepEqual({ onlyOurs, onlyPostconf }, { onlyOurs: [], onlyPostconf: [] }, 'the same unused / undefined / overriding / deprecated names, by file');
          for (const w of result.warnings.filter((x) => x.kind === 'deprecated' || x.kind === 'removed')) {
            assert.equal(mine.replacements.get(`${w.file} ${w.name}`), replacementIn(w.alternative!), `the replacement of ${w.name}`);
          }
          // Configurations are written for a release: the newest and the installed one are
          // checked for errors (an older release can rightly reject a newer file's values).
          if (c.corpus && result.fatal.length === 0 && (oracle.label !== oracle.release || oracle.release === DEFAULT_RELEASE)) {
            const errors = mine.findings.filter((f) => f.severity === 'error');
            assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], 'no errors on a configuration postconf accepts');
          }
        });
      }
    });
  }
});
