/**
 * What users see on real configurations, reviewed: every finding postfix-lint gives on each
 * configuration of test/fixtures/corpus under the default settings must be in that folder's
 * findings.txt with a reason (and nothing listed may vanish unnoticed). No corpus
 * configuration gets an error. scripts/corpus-findings.mjs --write updates the lists.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/lspClient';

interface Finding { key: string; severity: string; message: string }
interface Lists {
  UNREVIEWED: string;
  corpusFolders(): string[];
  currentFindings(folder: string): Finding[];
  reviewed(folder: string): Map<string, string>;
}

describe('reviewed findings on the corpus (default settings)', async () => {
  // The script is the one reviewers run; the test asks it the same questions.
  const lists = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'corpus-findings.mjs')).href)) as Lists;
  for (const folder of lists.corpusFolders()) {
    it(folder, () => {
      const found = lists.currentFindings(folder);
      const known = lists.reviewed(folder);
      const keys = found.map((f) => f.key);
      assert.deepEqual({ new: keys.filter((k) => !known.has(k)), vanished: [...known.keys()].filter((k) => !keys.includes(k)) }, { new: [], vanished: [] },
        `findings differ from ${folder}/findings.txt: review them (node scripts/corpus-findings.mjs)`);
      assert.deepEqual([...known].filter(([, why]) => why === lists.UNREVIEWED).map(([k]) => k), [], 'every finding is reviewed');
      assert.deepEqual(found.filter((f) => f.severity === 'error').map((f) => `${f.key} ${f.message}`), [], 'no errors on a published configuration');
    });
  }
});
