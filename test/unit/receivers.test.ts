/** Receiver directives read from real main.cf / master.cf text, and merged with the setting. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Configuration } from '../../server/core/model/configuration';
import { declaredReceivers, parseDirective, receiverDirectives, receiverOf, sourceAddress } from '../../server/core/model/receivers';
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
      name: 'orange', maxConnections: 3, transports: ['orange', 'wanadoo'], otherSenders: 1, destinations: 2, starttls: true, fallback: false, directive: d,
    });
  });

  it('finds directives in comment lines of both files, even inside a continued master.cf entry', () => {
    const config = new Configuration({
      mainText: '# @receiver a max-connections=1 transports=x\nmyhostname = mx # @receiver not-a-comment max-connections=1 transports=x\n',
      masterText: 'x unix - - n - 1 smtp\n# @receiver b max-connections=2 transports=x\n  -o smtp_helo_timeout=5\n#@receiver c max-connections=2 transports=x\n',
    });
    assert.deepEqual(receiverDirectives(config).map((d) => `${d.file}:${d.name?.text}`), ['main:a', 'master:b', 'master:c']);
    assert.equal(config.master.entries[0].options.length, 1, 'the comment did not end the entry');
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
      ['colour', 'Unknown key "colour"; the keys are max-connections, transports, domains, mx, other-senders, destinations, starttls, source, fallback.'],
      ['junk', '"junk" is not a key=value pair; the keys are max-connections, transports, domains, mx, other-senders, destinations, starttls, source, fallback.'],
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

  it('reads starttls=, source= and fallback=, and says what is wrong with them', () => {
    const text = '# @receiver r max-connections=2 transports=a starttls=No source=2001:DB8::5 fallback=yes\n# @receiver s max-connections=2 transports=a starttls=maybe source=mx.example fallback= source=1.2.3.256\n';
    const [good, bad] = parseMainCf(text).comments.map((c) => parseDirective('main', c)!);
    assert.deepEqual(good.problems, []);
    const r = receiverOf(good)!;
    assert.deepEqual([r.starttls, r.source, r.fallback, r.destinations], [false, '2001:db8::5', true, Infinity], 'a fallback relay takes every next-hop unless destinations= says');
    assert.deepEqual(bad.problems.map((p) => [text.slice(p.start, p.end), p.message]), [
      ['maybe', 'starttls is yes or no, not "maybe".'],
      ['mx.example', 'source must be an IPv4 or IPv6 address of this host, e.g. source=203.0.113.5, not "mx.example".'],
      ['=', 'fallback is yes or no, not "".'],
      ['source=1.2.3.256', '"source" is given twice; the last one counts.'],
      ['1.2.3.256', 'source must be an IPv4 or IPv6 address of this host, e.g. source=203.0.113.5, not "1.2.3.256".'],
    ]);
    assert.deepEqual([receiverOf(bad)!.starttls, receiverOf(bad)!.source, receiverOf(bad)!.fallback], [true, undefined, false], 'unreadable values keep the defaults');
  });

  it('checks addresses as Postfix binds them', () => {
    const ok = ['203.0.113.5', '::1', '2001:db8::', 'fe80::1:2:3:4', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8', '[2001:db8::1]'];
    const bad = ['', '1.2.3', '01.2.3.4x', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::1', '1:2:3:4:5:6:7'];
    assert.deepEqual(ok.map((a) => sourceAddress(a) !== undefined), ok.map(() => true));
    assert.deepEqual(bad.map((a) => sourceAddress(a)), bad.map(() => undefined));
  });

  it('reads the same keys from the setting', () => {
    const [r] = declaredReceivers([], [{ name: 'x', maxConnections: 2, transports: ['a'], starttls: false, source: '203.0.113.5', fallback: true }]);
    assert.deepEqual([r.starttls, r.source, r.fallback, r.destinations], [false, '203.0.113.5', true, Infinity]);
  });
});
