/** Go to definition: $name -> where it is set; service-defined names -> their service. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { definition } from '../../server/core/features/definition';
import { MAIN_URI, MASTER_URI, featureContext } from '../helpers/featureContext';
import { caret } from '../helpers/markers';

const MAIN = [
  'mydomain = example.com',
  'myorigin = $mydomain',
  'relay_destination_concurrency_limit = 2',
  'default_transport = relay:[mx.$mydomain]',
  'x = $relay_destination_concurrency_limit',
  'y = $myhostname',
  '',
].join('\n');
const MASTER = [
  'smtp inet n - y - - smtpd',
  'relay unix - - n - - smtp',
  '  -o smtp_helo_name=$mydomain',
  '  -o mydomain=relay.example',
  '',
].join('\n');

function defs(file: 'main' | 'master', needle: string, delta: number): { uri: string; start: unknown; end: unknown }[] {
  const ctx = featureContext({ main: MAIN, master: MASTER, file });
  const offset = ctx.file.text.indexOf(needle) + delta;
  return definition(ctx, offset).map((l) => ({ uri: l.uri, start: l.range.start, end: l.range.end }));
}

describe('go to definition', () => {
  it('goes from $name in main.cf to the main.cf entry', () => {
    assert.deepEqual(defs('main', '$mydomain', 3), [{ uri: MAIN_URI, start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }]);
  });

  it('goes from $name in an -o value to the same service\'s -o before main.cf', () => {
    assert.deepEqual(defs('master', '$mydomain', 2), [{ uri: MASTER_URI, start: { line: 3, character: 5 }, end: { line: 3, character: 13 } }]);
  });

  it('goes from a service-defined name in main.cf to its master.cf service', () => {
    const target = [{ uri: MASTER_URI, start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }];
    assert.deepEqual(defs('main', 'relay_destination', 4), target);
    assert.deepEqual(defs('main', '$relay_destination', 4), [{ uri: MAIN_URI, start: { line: 2, character: 0 }, end: { line: 2, character: 35 } }]);
  });

  it('goes from a transport name in a *_transport value to its service', () => {
    assert.deepEqual(defs('main', 'relay:[', 2), [{ uri: MASTER_URI, start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }]);
    assert.deepEqual(defs('main', 'mx.$', 1), []);
  });

  it('has nothing for a default-only name or a plain value', () => {
    assert.deepEqual(defs('main', '$myhostname', 3), []);
    assert.deepEqual(defs('main', 'example.com', 2), []);
  });

  it('works from main.cf when master.cf is missing, without crashing', () => {
    const { text, offset } = caret('relay_destination_concurrency_li|mit = 2\nx = $relay_destination_concurrency_limit\n');
    assert.deepEqual(definition(featureContext({ main: text, file: 'main' }), offset), []);
  });
});
