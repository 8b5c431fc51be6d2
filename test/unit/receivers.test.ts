/** Receiver directives read from real main.cf / master.cf text, and merged with the setting. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Configuration } from '../../server/core/model/configuration';
import { declaredReceivers, parseDirective, receiverDirectives, receiverOf } from '../../server/core/model/receivers';
import { parseMainCf } from '../../server/core/syntax/mainCf';
import { parseMasterCf } from '../../server/core/syntax/masterCf';

describe('receiver directives', () => {
  it('reads name, keys and transports with exact document ranges', () => {
    const text = 'myhostname = mx\n  # @receiver orange max-connections=3 transports=orange,wanadoo other-senders=1 destinations=2   \n';
    const tree = parseMainCf(text);
    const d = parseDirective('main', tree.comments[0])!;
    assert.equal(text.slice(d.start, d.end), '@receiver orange max-connections=3 transports=orange,wanadoo other-senders=1 destinations=2');
    assert.equal(text.slice(d.name!.start, d.name!.end), 'orange');
    assert.deepEqual(d.transports.map((t) => [t.text, text.slice(t.start, t.end)]), [['orange', 'orange'], ['wanadoo', 'wanadoo']]);
    const pair = d.keys.get('other-senders')!;
    assert.equal(text.slice(pair.pair.start, pair.pair.end), 'other-senders=1');
    assert.equal(text.slice(pair.value.start, pair.value.end), '1');
    assert.deepEqual(d.problems, []);
    assert.deepEqual(receiverOf(d), {
      name: 'orange', maxConnections: 3, transports: ['orange', 'wanadoo'], otherSenders: 1, destinations: 2, directive: d,
    });
  });

  it('finds directives in comment lines of both files, even inside a continued master.cf entry', () => {
    const config = new Configuration({
      mainText: '# @receiver a max-connections=1 transports=x\nmyhostname = mx # @receiver not-a-comment max-connections=1 transports=x\n',
      masterText: 'x unix - - n - 1 smtp\n# @receiver b max-connections=2 transports=x\n  -o smtp_helo_timeout=5\n#@receiver c max-connections=2 transports=x\n',
    });
    assert.deepEqual(receiverDirectives(config).map((d) => `${d.file}:${d.name?.text}`), ['main:a', 'master:b', 'master:c']);
    assert.equal(config.master.services[0].options.length, 1, 'the comment did not end the entry');
  });

  it('ignores comments that only look alike', () => {
    const tree = parseMasterCf('# @receivers are declared in main.cf\n# receiver orange\n# see @receiver\n');
    assert.deepEqual(tree.comments.map((c) => parseDirective('master', c)), [undefined, undefined, undefined]);
  });

  it('reports what cannot be read and keeps what can', () => {
    const text = '# @receiver r max-connections=0 transports=a,,a other-senders=-1 destinations=2 colour=blue junk\n';
    const d = parseDirective('main', parseMainCf(text).comments[0])!;
    assert.deepEqual(d.problems.map((p) => [text.slice(p.start, p.end), p.message]), [
      ['0', 'max-connections must be a whole number of at least 1, not "0".'],
      ['a', 'Transport "a" is listed twice.'],
      ['-1', 'other-senders must be a whole number (0 or more), not "-1".'],
      ['colour', 'Unknown key "colour"; the keys are max-connections, transports, other-senders, destinations.'],
      ['junk', '"junk" is not a key=value pair; the keys are max-connections, transports, other-senders, destinations.'],
    ]);
    assert.equal(receiverOf(d), undefined, 'no usable cap');
  });

  it('merges directives and the setting: the first directive of a name wins, then settings', () => {
    const config = new Configuration({
      mainText: '# @receiver orange max-connections=3 transports=orange\n# @receiver orange max-connections=9 transports=orange\n',
    });
    const receivers = declaredReceivers(receiverDirectives(config), [
      { name: 'orange', maxConnections: 1, transports: ['x'] },
      { name: 'outlook', maxConnections: 2, transports: ['msft', 'msft'] },
      { name: 'broken', maxConnections: 0, transports: ['y'] },
    ]);
    assert.deepEqual(receivers.map((r) => [r.name, r.maxConnections, r.transports, r.otherSenders, r.destinations, !!r.directive]), [
      ['orange', 3, ['orange'], 0, 1, true],
      ['outlook', 2, ['msft'], 0, 1, false],
    ]);
  });
});
