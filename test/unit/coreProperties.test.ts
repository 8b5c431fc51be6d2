/**
 * Property-based tests (fast-check) of the core on any input: random UTF-16 (lone
 * surrogates, NUL, BOM, astral characters), soups of the tokens the parsers care about,
 * and truncated, spliced and otherwise mutated corpus configurations. For each input,
 * parse + analyze + every feature never throws, every range lies inside its document,
 * parsing loses no text, and every code action's edit is exact (test/helpers/coreCheck.ts).
 *
 * The seed is fixed, so CI runs the same inputs every time and never flakes; random
 * exploration belongs to `npm run soak` and to runs with another seed. FC_SEED (or
 * FUZZ_SEED, which also moves the server fuzzer) picks another one; a failure prints the
 * seed, the shrunk counterexample and its path: replay it with FC_SEED=<seed> FC_PATH=<path>.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { coreCheck } from '../helpers/coreCheck';
import { corpusConfigs } from '../helpers/corpus';
import { Random, TOKENS, mutatedPair, worstCases } from '../helpers/hostile';
import { measure } from '../helpers/cpu';

const DEFAULT_SEED = 20240601;
const seed = Number(process.env.FC_SEED ?? process.env.FUZZ_SEED ?? DEFAULT_SEED);
const path = process.env.FC_PATH;
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, seed, path, endOnFailure: true });

/** fast-check property body: fails with the list of problems. */
function holds(texts: { main?: string; master?: string }, version?: string): void {
  const { problems } = coreCheck(texts, { settings: { levels: new Map(), receivers: [], version }, seed: 7 });
  assert.deepEqual(problems.slice(0, 5), []);
}

const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const versions = fc.constantFrom(undefined, '3.5', '3.7', '3.9', '3.10');
/** A config-shaped line: what a real line looks like, with hostile tokens mixed in. */
const line = fc.tuple(
  fc.constantFrom('myhostname', 'smtpd_banner', 'x', 'relay_transport', '', ' ', '#', '-o', 'smtp', 'a$b'),
  fc.constantFrom(' = ', '=', ' ', ' inet n - y - - ', ' unix - - n - 1 '),
  soup,
).map((parts) => parts.join(''));
// The line end is drawn like everything else (not with fc.sample, which ignores the seed).
const configLike = fc.tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end));

describe('core properties on any input', () => {
  it('random UTF-16 text, as main.cf and as master.cf', () => {
    fc.assert(fc.property(anyText, anyText, (main, master) => holds({ main, master })), params(300));
  });

  it('token soups', () => {
    fc.assert(fc.property(soup, soup, versions, (main, master, version) => holds({ main, master }, version)), params(400));
  });

  it('config-shaped lines with hostile values', () => {
    fc.assert(fc.property(configLike, configLike, (main, master) => holds({ main, master })), params(300));
  });

  it('truncated, spliced and mutated corpus configurations', () => {
    const corpus = corpusConfigs();
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), versions, (s, version) => {
      const pair = mutatedPair(corpus, new Random(s));
      holds({ main: pair.main, master: pair.master }, version);
    }), params(300));
  });

  it('a lone main.cf or master.cf (the other file missing)', () => {
    fc.assert(fc.property(soup, fc.boolean(), (text, asMain) => holds(asMain ? { main: text } : { master: text })), params(200));
  });
});

describe('core on the corpus: every check, every code action', () => {
  for (const config of corpusConfigs()) {
    it(config.name, () => {
      const { problems } = coreCheck({ main: config.main, master: config.master }, { offsets: 50, seed: 3 });
      assert.deepEqual(problems, []);
    });
  }
});

describe('core on the worst cases, in bounded time', () => {
  for (const worst of worstCases()) {
    it(worst.name, () => {
      // A few code actions only: each one re-checks the whole (huge) configuration.
      const { result, cpuMs } = measure(() => coreCheck({ main: worst.main, master: worst.master }, { offsets: 5, maxActionChecks: 5 }));
      assert.deepEqual(result.problems.slice(0, 5), []);
      // Parse, analyze, all invariants and every feature: generous, but far below a hang.
      assert.ok(cpuMs < 20_000, `${worst.name}: ${Math.round(cpuMs)} ms of CPU`);
    });
  }
});
