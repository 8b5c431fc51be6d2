/**
 * One test per crash, hang or wrong range the fuzzing found in the core, each on the
 * smallest input that showed it. Time bounds are on CPU time (test/helpers/cpu.ts).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseValue, MAX_VALUE_NESTING } from '../../server/core/syntax/expansion';
import { expand } from '../../server/core/model/expand';
import { Suggester, suggestNames } from '../../server/core/kb/suggest';
import { allParamNames } from '../../server/core/kb/knowledgeBase';
import { LineIndex } from '../../server/core/lineIndex';
import { Configuration } from '../../server/core/model/configuration';
import { analyze } from '../../server/core/analyze';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { MAX_FINDINGS_PER_FILE } from '../../server/core/flood';
import { measure } from '../helpers/cpu';

const check = (mainText?: string, masterText?: string) =>
  analyze(new Configuration({ mainText, masterText }), DEFAULT_SETTINGS);

describe('regressions: deep ${...} nesting', () => {
  const nested = (depth: number, inner = 'v'): string => '${x?'.repeat(depth) + inner + '}'.repeat(depth);

  it('5,000 nested values no longer overflow the stack', () => {
    const { result, cpuMs } = measure(() => parseValue(nested(5000)));
    assert.match(result.error?.message ?? '', /unreasonable macro call nesting/);
    assert.ok(cpuMs < 1000, `took ${cpuMs} ms`);
  });

  it('allows 100 nested values and rejects 101, as postconf 3.7.11 does', () => {
    // postconf -xh printed "v" for 100 levels and "unreasonable macro call nesting" for 101.
    assert.equal(parseValue(nested(MAX_VALUE_NESTING)).error, undefined);
    assert.equal(expand(nested(MAX_VALUE_NESTING), (n) => (n === 'x' ? '1' : undefined)).value, 'v');
    const error = parseValue(nested(MAX_VALUE_NESTING + 1)).error;
    assert.ok(error && !error.checkerLimit);
    assert.match(error.message, /unreasonable macro call nesting/);
  });

  it('5,000 nested comparisons stop at our own limit, reported as ours', () => {
    // Postfix itself accepted 5,000 nested comparison operands.
    const text = '${{'.repeat(5000) + '1' + '}=={1}?{v}}'.repeat(5000);
    const { result, cpuMs } = measure(() => parseValue(text));
    assert.equal(result.error?.checkerLimit, true);
    assert.ok(cpuMs < 1000, `took ${cpuMs} ms`);
    const finding = check(`a = ${text}\n`).find((f) => f.code === 'expansion-syntax');
    assert.equal(finding?.severity, 'warning');
    assert.doesNotMatch(finding?.message ?? '', /Postfix stops/);
  });

  it('finds matching brackets in linear time (100 levels around 1 MB)', () => {
    const text = '${x?{'.repeat(100) + 'a'.repeat(1 << 20) + '}}'.repeat(100);
    const { result, cpuMs } = measure(() => parseValue(text));
    assert.equal(result.error, undefined);
    assert.ok(cpuMs < 3000, `took ${cpuMs} ms (a scan per level would take ~100x one pass)`);
  });

  it('quotes at most a few dozen characters of a huge value in a message', () => {
    const error = parseValue('${a!' + 'x'.repeat(1 << 20) + '}').error;
    assert.ok(error);
    assert.ok(error.message.length < 200, `message of ${error.message.length} characters`);
  });
});

describe('regressions: unbounded work', () => {
  it('expanding a doubling chain stops with an error instead of running for hours', () => {
    const vars: Record<string, string> = { a0: 'xxxxxxxxxx' };
    for (let i = 1; i <= 40; i++) vars[`a${i}`] = `$a${i - 1} $a${i - 1}`;
    const { result, cpuMs } = measure(() => expand('$a40', (n) => vars[n]));
    assert.match(result.error ?? '', /too large/);
    assert.ok(cpuMs < 5000, `took ${cpuMs} ms`);
  });

  it('50,000 unknown names and undefined references are checked in bounded time', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `p${i} = $q${i}`).join('\n');
    const { result, cpuMs } = measure(() => check(text));
    // Before: one edit-distance search per name over every other name (hours).
    assert.ok(cpuMs < 10_000, `took ${cpuMs} ms`);
    assert.equal(result.length, MAX_FINDINGS_PER_FILE + 1);
    assert.equal(result.at(-1)?.code, 'too-many-problems');
    assert.match(result.at(-1)!.message, /99,000 more problems .*: 49,500 undefined-reference, 49,500 unknown-parameter\./);
    assert.deepEqual(result.at(-1)!.data, { hidden: { 'undefined-reference': 49_500, 'unknown-parameter': 49_500 } });
  });

  it('the Suggester answers as suggestNames does, remembers answers, and stops at its budget', () => {
    const names = allParamNames();
    const suggester = new Suggester(names);
    for (const typo of ['myhostnme', 'smtpd_tls_secrity_level', 'relay_host', 'x', 'mydomian', 'inet_interface']) {
      assert.deepEqual(suggester.suggest(typo), suggestNames(typo, names), typo);
    }
    const tiny = new Suggester(names, 100);
    assert.deepEqual(tiny.suggest('myhostnme'), []);
    const memo = new Suggester(names, 200_000);
    const first = memo.suggest('myhostnme');
    assert.deepEqual(first, ['myhostname']);
    for (let i = 0; i < 100; i++) assert.deepEqual(memo.suggest('myhostnme'), first, 'answered from memory, within budget');
  });

  it('a name of 1 MB gives a message of normal length', () => {
    const findings = check(`${'n'.repeat(1 << 20)} = 1\n${'m'.repeat(1 << 20)}\n`);
    for (const code of ['syntax-error', 'unknown-parameter']) assert.ok(findings.some((f) => f.code === code), code);
    for (const f of findings) assert.ok(f.message.length < 300, `${f.code}: ${f.message.length} characters`);
  });
});

describe('regressions: positions', () => {
  it('an expansion error range never cuts an astral character in half (found by the server fuzzer)', () => {
    for (const value of ['${\u{1F600}}', '${{a}\u{1F600}{b}}', '${{a}==\u{1F600}}', '${{a}==level\u{1F600}}']) {
      const error = parseValue(value).error!;
      assert.ok(error, value);
      const cut = (at: number): boolean => at > 0 && /[\ud800-\udbff]/.test(value[at - 1]) && /[\udc00-\udfff]/.test(value[at] ?? '');
      assert.ok(!cut(error.start) && !cut(error.end), `${value}: ${error.start}..${error.end}`);
    }
  });

  it('a range ending between CR and LF maps to the end of the line, not past it', () => {
    const text = 'myhostname x\r\nmydomain = y\r\n';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.position(text.indexOf('\n')), { line: 0, character: 12 });
    // The syntax error's range ends at the LF (the CR is white space to Postfix).
    const error = check(text).find((f) => f.code === 'syntax-error')!;
    assert.deepEqual(lines.range(error.start, error.end), { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } });
  });

  it('an offset between the halves of a surrogate pair maps to the position before the pair', () => {
    const lines = new LineIndex('a\u{1F600}b');
    assert.deepEqual(lines.position(2), { line: 0, character: 1 });
    assert.deepEqual(lines.position(3), { line: 0, character: 3 });
  });
});
