import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { forEachRef, parseValue } from '../../server/core/syntax/expansion';
import { expand } from '../../server/core/model/expand';

const vars: Record<string, string> = { mydomain: 'example.com', relayhost: '', myhostname: 'h.$mydomain', loop_a: '$loop_b', loop_b: '$loop_a' };
const lookup = (n: string): string | undefined => vars[n];

describe('value expressions', () => {
  // Each case was checked with postconf -xh (Postfix 3.7.11).
  const cases: [string, string][] = [
    ['${mydomain}', 'example.com'],
    ['${ mydomain }', 'example.com'],
    ['$(mydomain)', 'example.com'],
    ['${mydomain ?yes}', 'yes'],
    // postconf -x prints ' a b ' squeezed; payloads keep their blanks: ${{ a }=={a}?..} is false.
    ['${mydomain?{ a b }}', ' a b '],
    ['${{ a }=={a}?{same}:{diff}}', 'diff'],
    ['${mydomain?{a} : {b}}', 'a'],
    ['${relayhost?{a}:b c}', 'b c'],
    ['${relayhost?{a}: {b c} }', 'b c'],
    ['${mydomain?x:y}', 'x:y'],
    ['${mydomain?:x}', ':x'],
    ['${{$mydomain}=={example.com}}', 'true'],
    ['${{$mydomain} == {example.com} ? {A} : {B}}', 'A'],
    ['${{$mydomain}=={example.com}:{A}}', ''],
    ['${{1}<{2}?yes}', 'yes'],
    ['${{10}>{9}}', 'true'],
    ['${{abc}>{abd}}', ''],
    ['${{3.6}<=level{3.10}?{lt}:{ge}}', 'lt'],
    ['${{3.6} <level{3.10}?{lt}}', 'lt'],
    ['${mydomain}}', 'example.com}'],
    ['$$mydomain', '$mydomain'],
    ['$$$mydomain', '$example.com'],
    ['$mydomain-x', 'example.com-x'],
    ['${mydomain?{a{b}c}}', 'a{b}c'],
    ['x${mydomain?{$relayhost}}y', 'xy'],
    ['$myhostname', 'h.example.com'],
  ];
  for (const [input, output] of cases) {
    it(`expands ${input}`, () => {
      const r = expand(input, lookup);
      assert.equal(r.error, undefined);
      assert.equal(r.value, output);
    });
  }

  // Each of these made postconf warn and `postconf -x` fail with "macro processing error".
  const errors = [
    '${mydomain?{a}x}', '${mydomain?{a}:{b}x}', '${relayhost:{a}:{b}}', '${{$mydomain}==example.com?{A}}',
    '${{$mydomain}=~{example.com}?{A}}', '${{$mydomain}{x}?{A}}', '${my-domain}', '${mydomain!}', '$', 'a$',
    '${}', '$()', '${{a}=={b}?{x}:{y}:{z}}', '$(mydomain', '${{a}}', '${{3.6} < level {3.10}?{lt}}',
    '${{3.6}<lev{3.10}?{lt}}', '${mydomain', '${mydomain?{a}', '$(mydomain}', '${mydomain)}',
    'regexp:{{/^Subject: x$/ REJECT}}',
  ];
  for (const input of errors) {
    it(`rejects ${input}`, () => {
      const parsed = parseValue(input);
      assert.ok(parsed.error, 'expected a syntax error');
      assert.ok(parsed.error.start >= 0 && parsed.error.end <= input.length && parsed.error.start <= parsed.error.end);
    });
  }

  it('reports loops instead of recursing forever', () => {
    assert.match(expand('$loop_a', lookup).error ?? '', /nesting/);
  });

  it('finds references in every branch, in order, with exact offsets', () => {
    const text = '${mydomain?{$a}:{$b}} ${{$c}=={x}?{$d}} $(e)';
    const refs: string[] = [];
    forEachRef(parseValue(text).nodes, (r) => refs.push(`${r.name}@${text.slice(r.nameStart, r.nameEnd)}`));
    assert.deepEqual(refs, ['mydomain@mydomain', 'a@a', 'b@b', 'c@c', 'd@d', 'e@e']);
  });

  it('stops at the first error, like Postfix (later references are not scanned)', () => {
    const refs: string[] = [];
    forEachRef(parseValue('$undef9 ${mydomain!} $undef10').nodes, (r) => refs.push(r.name));
    assert.deepEqual(refs, ['undef9']);
  });
});
