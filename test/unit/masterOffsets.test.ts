/**
 * master.cf fields, arguments and option parts work their document offsets out from their
 * logical line when asked (the parser keeps no offsets of its own for them). These tests
 * pin those offsets on text whose entries run over continuation lines, and check that
 * entries kept by an incremental re-parse report the offsets of the edited document.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMasterCf } from '../../server/core/syntax/masterCf';
import { reparse } from '../../server/core/syntax/incremental';
import { ranges } from '../helpers/markers';

const span = (t: { start: number; end: number }): [number, number] => [t.start, t.end];

describe('master.cf offsets', () => {
  it('places fields and arguments that sit on continuation lines, a braced one across two', () => {
    const marked = '[[x]] [[unix]] [[-]]\n  [[n]]\t[[y]]\n# comment\n\n  [[-]] [[1]] [[pipe]] [[flags=R]]\n  [[{ a\n  b }]] [[argv=/bin/cat]]\n';
    const { text, ranges: expected } = ranges(marked);
    const [service] = parseMasterCf(text).entries;
    assert.deepEqual([...Object.values(service.fields), ...service.args].map(span), expected.map(span));
    assert.deepEqual(service.args.map((a) => a.text), ['flags=R', '{ a  b }', 'argv=/bin/cat']);
    assert.equal(service.fields.maxproc.at, service.line.text.indexOf(' 1 ') + 1);
  });

  it('places option names, "=", flags and arguments in every form', () => {
    const lines = [
      'o unix - - n - - smtp -o [[smtp_a]]=1 -o{x=1}',
      '  -o { [[long_b]] = v w } -o[[stuck_c]]=2',
      '  -o [[spaced_d]] = 3 -o {',
      '  [[split_e]] = 4 } -o[[]]',
    ];
    const { text, ranges: names } = ranges(lines.join('\n'));
    const { options } = parseMasterCf(text).entries[0];
    assert.deepEqual(options.map((o) => `${o.form}:${o.name.text}`), [
      'short:smtp_a', 'long:long_b', 'stuck:stuck_c', 'missing-equals:spaced_d', 'long:split_e', 'missing-equals:',
    ]);
    assert.deepEqual(options.map((o) => span(o.name)), names.map(span));
    const equals = options.map((o) => (o.form === 'missing-equals' ? undefined : text.indexOf('=', o.name.end)));
    assert.deepEqual(options.map((o) => o.equals), equals);
    assert.deepEqual(options.map((o) => text.slice(o.flag.start, o.flag.end)), ['-o', '-o', '-ostuck_c=2', '-o', '-o', '-o']);
    assert.deepEqual(options.map((o) => text.slice(o.arg.start, o.arg.end)), [
      'smtp_a=1', '{ long_b = v w }', '-ostuck_c=2', 'spaced_d', '{\n  split_e = 4 }', '-o',
    ]);
    assert.equal(options[4].arg.at, options[4].flag.at + 3);
  });

  it('gives a kept entry the offsets of the edited document', () => {
    const before = 'a unix - - n - - smtp\nb unix - - n - - smtp -o x=1\n  -o { y = 2 }\n';
    const old = parseMasterCf(before);
    const kept = old.entries[1];
    const after = 'a2 unix - - n - - smtp\n  -o z=3\nb unix - - n - - smtp -o x=1\n  -o { y = 2 }\n';
    const edited = reparse(old, after, parseMasterCf);
    assert.equal(edited.entries[1], kept, 'the second entry is reused, not parsed again');
    const fresh = parseMasterCf(after).entries[1];
    assert.equal(JSON.stringify(kept), JSON.stringify(fresh));
    assert.deepEqual(kept.options.map((o) => after.slice(o.name.start, o.name.end)), ['x', 'y']);
    assert.deepEqual(kept.options.map((o) => o.equals), [after.indexOf('x=1') + 1, after.indexOf('y = 2') + 2]);
    assert.equal(after.slice(kept.fields.command.start, kept.fields.command.end), 'smtp');
    assert.equal(kept.fields.command.start, after.indexOf('smtp -o x'));
  });
});
