/**
 * not-postfix-config: one clear diagnostic for a file that is not a Postfix configuration,
 * and none for any real one (the whole corpus, and a messy main.cf with broken lines).
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

const SENDMAIL = readFileSync(path.join(ROOT, 'test', 'fixtures', 'foreign', 'sendmail.cf'), 'utf8');
const corpus = readdirSync(CORPUS).filter((d) => existsSync(path.join(CORPUS, d, 'main.cf'))).sort();
const read = (dir: string, file: string): string => readFileSync(path.join(CORPUS, dir, file), 'utf8');

function check(files: { main?: string; master?: string }, disabled: string[] = []): Finding[] {
  const config = new Configuration({ mainText: files.main, masterText: files.master });
  return analyze(config, { ...DEFAULT_SETTINGS, levels: new Map(disabled.map((code) => [code, 'off' as const])) });
}

/** Pseudo-random bytes decoded as an editor would (invalid UTF-8 becomes U+FFFD). */
function binary(length: number, seed = 7): string {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return bytes.toString('utf8');
}

describe('not-postfix-config', () => {
  it('a sendmail.cf opened as main.cf gets one clear error and nothing else', () => {
    const findings = check({ main: SENDMAIL, master: read('debian-bookworm', 'master.cf') });
    const main = findings.filter((f) => f.file === 'main');
    assert.deepEqual(main.map((f) => f.code), ['not-postfix-config']);
    assert.equal(main[0].severity, 'error');
    assert.match(main[0].message, /does not look like a Postfix main\.cf: 27 of its 28 lines are not "name = value" settings, starting at line 3/);
    // What it turns off is counted, by code, for clients and for checks of quick-fixes.
    const hidden = (main[0].data as { hidden: Record<string, number> }).hidden;
    assert.equal(hidden['syntax-error'], 27);
    // The other file of the pair is still checked normally.
    assert.deepEqual(findings.filter((f) => f.file === 'master' && f.severity === 'error'), []);
  });

  it('binary data gets one error instead of hundreds', () => {
    const text = binary(20_000);
    const without = check({ main: text }, ['not-postfix-config']);
    assert.ok(without.length > 20, `the flood it replaces: ${without.length} findings`);
    const findings = check({ main: text });
    assert.deepEqual(findings.map((f) => f.code), ['not-postfix-config']);
    assert.match(findings[0].message, /looks binary, not like a Postfix main\.cf: \d+% of its first [\d,]+ characters/);
  });

  it('a huge file of garbage gets one error', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `garbage line ${i} ${(i * 7919).toString(36)} ;; ##`);
    const findings = check({ main: lines.join('\n') });
    assert.deepEqual(findings.map((f) => f.code), ['not-postfix-config']);
    assert.match(findings[0].message, /100,000 of its 100,000 lines/);
  });

  for (const dir of corpus) {
    it(`${dir}: stays normal, and each file opened as the other kind is flagged`, () => {
      const main = read(dir, 'main.cf');
      const master = read(dir, 'master.cf');
      assert.deepEqual(check({ main, master }).filter((f) => f.code === 'not-postfix-config'), []);
      const swapped = check({ main: master, master: main });
      assert.deepEqual(swapped.filter((f) => f.code === 'not-postfix-config').map((f) => f.file).sort(), ['main', 'master']);
      assert.deepEqual(swapped.filter((f) => f.code !== 'not-postfix-config'), [], 'no flood under the one error');
    });
  }

  it('a real main.cf with a few broken lines keeps its ordinary syntax errors', () => {
    const lines = read('mailcow', 'main.cf').split('\n');
    for (let i = 0; i < 12; i++) lines.splice(i * 8 + 3, 0, `this line ${i} is broken`);
    const findings = check({ main: lines.join('\n') });
    assert.equal(findings.filter((f) => f.code === 'not-postfix-config').length, 0);
    assert.equal(findings.filter((f) => f.code === 'syntax-error').length, 12);
  });

  it('a short file of a few bad lines is left to syntax-error', () => {
    const findings = check({ main: 'hello world\nthis is not a config\n' });
    assert.equal(findings.filter((f) => f.code === 'syntax-error').length, 2);
    assert.equal(findings.filter((f) => f.code === 'not-postfix-config').length, 0);
  });

  it('switched off, it neither reports nor suppresses', () => {
    const findings = check({ main: SENDMAIL }, ['not-postfix-config']);
    assert.ok(findings.filter((f) => f.code === 'syntax-error').length > 20);
  });
});
