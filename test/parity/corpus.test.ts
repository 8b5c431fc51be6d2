/**
 * postconf parity on real published configurations (test/fixtures/corpus) and crafted
 * cases (test/fixtures/parity): our unknown-parameter, undefined-reference and
 * duplicate-parameter diagnostics must name exactly the parameters postconf warns about,
 * and the corpus must get no errors.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Configuration } from '../../server/core/model/configuration';
import { analyze } from '../../server/core/analyze';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { Finding } from '../../server/core/findings';
import { CORPUS_DIR as CORPUS } from '../helpers/corpus';
import { ROOT } from '../helpers/lspClient';
import { postconfAvailable, postconfVersion, runPostconf } from '../helpers/postconf';

const CRAFTED = path.join(ROOT, 'test', 'fixtures', 'parity');
const folders = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(path.join(dir, d, 'main.cf')) || existsSync(path.join(dir, d, 'master.cf'))).sort().map((d) => path.join(dir, d)) : [];

function ourFindings(dir: string, version?: string): Finding[] {
  const read = (f: string): string | undefined => (existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : undefined);
  const config = new Configuration({ mainText: read('main.cf'), masterText: read('master.cf'), version });
  return analyze(config, { ...DEFAULT_SETTINGS, version });
}

/** The parameter name a finding is about, as postconf would name it. */
function nameOf(dir: string, f: Finding): string {
  const text = readFileSync(path.join(dir, f.file === 'main' ? 'main.cf' : 'master.cf'), 'utf8');
  return String(f.data?.name ?? text.slice(f.start, f.end));
}

const sorted = (a: string[]): string[] => [...new Set(a)].sort();

if (!postconfAvailable() && !process.env.POSTFIX_LSP_SKIP_ORACLE) {
  throw new Error('postconf is not installed: apt-get install postfix (see .ci/run), or set POSTFIX_LSP_SKIP_ORACLE=1');
}

describe('postconf parity', { skip: !postconfAvailable() }, () => {
  const version = postconfAvailable() ? postconfVersion() : '';
  for (const dir of [...folders(CORPUS), ...folders(CRAFTED)]) {
    it(`${path.relative(ROOT, dir)} matches postconf ${version}`, () => {
      const oracle = runPostconf(dir);
      const ours = ourFindings(dir, version);
      const pick = (code: string, file?: string): string[] =>
        sorted(ours.filter((f) => (f.code === code || (code === 'unknown-parameter' && f.code === 'version-mismatch')) && (!file || f.file === file)).map((f) => nameOf(dir, f)));
      assert.deepEqual(pick('unknown-parameter', 'main'), sorted(oracle.unusedMain), 'unused parameters in main.cf');
      assert.deepEqual(pick('unknown-parameter', 'master'), sorted(oracle.unusedMaster), 'unused parameters in master.cf');
      assert.deepEqual(pick('undefined-reference'), sorted(oracle.undefined), 'undefined parameters');
      assert.deepEqual(pick('duplicate-parameter'), sorted(oracle.overriding), 'overriding earlier entry');
      if (oracle.fatal.length === 0 && dir.startsWith(CORPUS)) {
        const errors = ours.filter((f) => f.severity === 'error');
        assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], 'no errors on a configuration postconf accepts');
      }
    });
  }

  for (const dir of folders(CORPUS)) {
    it(`${path.relative(ROOT, dir)} has no errors when checked against the newest release`, () => {
      const errors = ourFindings(dir).filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), []);
    });
  }
});
