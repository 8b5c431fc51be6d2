/**
 * Every TextMate grammar in syntaxes/ tokenizes hostile lines (100 KB runs of "$", "{",
 * spaces, "-o", nested "${x?{", ...) and every corpus line within a time bound, as VS
 * Code would run it (vscode-textmate + vscode-oniguruma). A grammar added to syntaxes/ is
 * picked up automatically. The checker itself is shown to catch catastrophic backtracking.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/lspClient';
import { corpusConfigs } from '../helpers/corpus';
import { checkGrammar, hostileLines } from '../helpers/grammarCheck';

const SYNTAXES = path.join(ROOT, 'syntaxes');
const grammars = existsSync(SYNTAXES) ? readdirSync(SYNTAXES).filter((f) => f.endsWith('.tmLanguage.json')).sort() : [];

describe('TextMate grammars under hostile lines', () => {
  if (!grammars.length) {
    it('checks every syntaxes/*.tmLanguage.json', (t) => {
      t.skip('no syntaxes/*.tmLanguage.json in this tree yet: each grammar added there is checked automatically');
    });
  }
  for (const file of grammars) {
    it(`${file} tokenizes 100 KB hostile lines and the corpus in bounded time`, { timeout: 300_000 }, async () => {
      const corpusLines = corpusConfigs().flatMap((c) => [...c.main.split('\n'), ...c.master.split('\n')]);
      const result = await checkGrammar(path.join(SYNTAXES, file), [...hostileLines(), ...corpusLines], { timeoutMs: 240_000 });
      console.log(`${file}: ${result.lines} lines, slowest line ${result.slowest?.line} ${result.slowest?.preview} ${Math.round(result.slowest?.cpuMs ?? 0)} ms`);
      assert.deepEqual(result.problems, []);
    });
  }
});

/** A small grammar written the sane way: no nested quantifiers, anchored alternatives. */
const SANE = {
  scopeName: 'source.sane',
  patterns: [
    { match: '^\\s*#.*$', name: 'comment.line' },
    { match: '^([^\\s=#]+)\\s*(=)', captures: { 1: { name: 'variable.parameter' }, 2: { name: 'keyword.operator' } } },
    { match: '\\$\\$|\\$[A-Za-z0-9_]+|\\$\\{|\\$\\(', name: 'variable.other' },
    { match: '(?<=\\s)-o(?=\\s|\\S)', name: 'keyword.other' },
  ],
};

describe('the grammar checker', () => {
  it('passes a sane grammar on every hostile line, and fails one with nested quantifiers', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'postfix-lsp-grammar-'));
    try {
      const sane = path.join(dir, 'sane.tmLanguage.json');
      writeFileSync(sane, JSON.stringify(SANE));
      const ok = await checkGrammar(sane, hostileLines(), { timeoutMs: 60_000 });
      assert.deepEqual(ok.problems, []);
      console.log(`sane grammar: slowest hostile line ${ok.slowest?.preview} ${Math.round(ok.slowest?.cpuMs ?? 0)} ms`);
      // (\$+)+ tries every way of splitting a run of "$": Oniguruma gives up only at its retry
      // limit, which costs far more per line than any sane pattern.
      const bad = path.join(dir, 'bad.tmLanguage.json');
      writeFileSync(bad, JSON.stringify({ scopeName: 'source.bad', patterns: [{ match: '(\\$+)+y|x', name: 'bad' }, ...SANE.patterns] }));
      const lines = [21, 22, 23, 24, 30].map((n) => `${'$'.repeat(n)}x`);
      const quick = await checkGrammar(sane, lines, { timeoutMs: 20_000 });
      assert.deepEqual(quick.problems, [], 'the sane grammar takes well under 50 ms on these');
      const slow = await checkGrammar(bad, lines, { timeoutMs: 20_000 });
      assert.ok(slow.problems.length >= 1, JSON.stringify(slow));
      assert.match(slow.problems[0], /bad\.tmLanguage\.json: line \d "\$+x" took \d+ ms \(bound 50 ms\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('terminates a tokenizer that never finishes, and says which line', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'postfix-lsp-grammar-'));
    try {
      const file = path.join(dir, 'sane.tmLanguage.json');
      writeFileSync(file, JSON.stringify(SANE));
      // A time-out far shorter than the work stands in for a line that never finishes: a
      // thousand 90 KB lines take tens of seconds even on a fast machine (50 once finished
      // inside the time-out there, and the test failed for want of a hang).
      const lines = ['a = b', ...Array.from({ length: 1000 }, () => `x = ${'$a '.repeat(30_000)}`)];
      const result = await checkGrammar(file, lines, { lineBoundMs: () => 60_000, timeoutMs: 3000 });
      assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
      assert.match(result.problems[0], /tokenizing line \d+ .* did not finish within 3000 ms/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
