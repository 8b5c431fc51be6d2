/**
 * Expanding with a cache of names (model/expand.ts) gives exactly what expanding each value
 * alone gives (values, errors, undefined names), in whatever order the names come: on
 * random reference graphs with loops, conditionals, chains past the nesting limit and
 * doubling chains past the work limit.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ExpansionCache, expand } from '../../server/core/model/expand';

const name = (i: number): string => `n${i}`;

/** A random value over `count` names: text, $refs, ${x?{...}:{...}} and comparisons. */
function valueArb(count: number): fc.Arbitrary<string> {
  const ref = fc.nat(count).map((i) => `$${name(i)}`);
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('a', ' b ', 'x,y', '$$', '') },
    { weight: 4, arbitrary: ref },
    { weight: 1, arbitrary: fc.tuple(fc.nat(count), ref, fc.constantFrom('', 'z')).map(([i, r, e]) => `\${${name(i)}?{${r}}:{${e}}}`) },
    { weight: 1, arbitrary: fc.tuple(ref, fc.constantFrom('a', '')).map(([r, w]) => `\${{${r}} == {${w}} ? {T} : {F}}`) },
  );
  return fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
}

function check(values: Map<string, string>, order: readonly string[]): void {
  const lookup = (n: string): string | undefined => values.get(n);
  const cache: ExpansionCache = new Map();
  for (const n of order) {
    const alone = expand(values.get(n) ?? '', lookup);
    const kept = expand(values.get(n) ?? '', lookup, cache);
    // Undefined names only matter for a value that expands (with an error, it is printed as it is).
    const seen = (e: typeof kept) => ({ value: e.value, error: e.error !== undefined, undefinedNames: e.error ? [] : [...e.undefinedNames].sort() });
    assert.deepEqual(seen(kept), seen(alone), `${n} = ${values.get(n)}`);
  }
}

describe('expansion with a cache of names', () => {
  it('is the same as without, on random reference graphs and orders', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 12 }).chain((count) => fc.tuple(fc.array(valueArb(count), { minLength: count, maxLength: count }), fc.boolean())),
      ([texts, reversed]) => {
        const values = new Map(texts.map((t, i) => [name(i), t]));
        const order = [...values.keys()];
        check(values, reversed ? order.reverse() : order);
      },
    ), { numRuns: 400 });
  });

  it('keeps the nesting limit wherever a name is used, in either order', () => {
    for (const length of [98, 99, 100, 101, 150]) {
      const values = new Map(Array.from({ length }, (_, i) => [name(i), i === length - 1 ? 'end' : `$${name(i + 1)} x`]));
      const order = [...values.keys()];
      check(values, order);
      check(values, [...order].reverse());
    }
  });

  it('keeps the work limit on a doubling chain, and expands 200,000 chained names in linear time', () => {
    // 2^22 nodes to visit: past the work limit.
    const doubling = new Map(Array.from({ length: 23 }, (_, i) => [name(i), i === 0 ? 'x' : `$${name(i - 1)} $${name(i - 1)}`]));
    check(doubling, [...doubling.keys()]);
    check(doubling, [...doubling.keys()].reverse());
    const chain = new Map(Array.from({ length: 200_000 }, (_, i) => [name(i), `$${name(i + 1)} x`]));
    const cache: ExpansionCache = new Map();
    const started = Date.now();
    for (let i = 199_999; i >= 0; i--) expand(chain.get(name(i))!, (n) => chain.get(n), cache);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    assert.equal(expand('$n199950', (n) => chain.get(n), cache).value, ' x'.repeat(50));
    assert.match(expand('$n0', (n) => chain.get(n), cache).error ?? '', /unreasonable macro call nesting/);
  });
});
