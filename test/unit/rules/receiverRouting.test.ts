/**
 * receiver-route-outside, receiver-destinations and transport-map-unknown-transport on
 * real text, with the transport map file read by the real map parser, and their fixes.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { findingsOf, fixesFor, run } from '../../helpers/analysis';
import { applyEdits, editsFor } from '../../helpers/applyEdits';

const MASTER = 'smtp unix - - n - - smtp\norange unix - - n - 4 smtp\nerror unix - - n - - error\n';
const MAP = '/etc/postfix/transport';
const ROUTES = 'orange.fr orange:[smtp.orange.fr]\nwanadoo.fr orange:[smtp.orange.fr]\n';

describe('receiver-route-outside', () => {
  it('a domain left to the default transport escapes a budget that names its transports', () => {
    const main = `transport_maps = hash:${MAP}\n# @receiver orange max-connections=3 domains=orange.fr,wanadoo.fr,[[voila.fr]] transports=orange\n`;
    const r = run('receiver-route-outside', { main, master: MASTER, maps: { [MAP]: ROUTES } });
    assert.deepEqual(r.spans, r.expected);
    assert.equal(r.found[0].message, 'Mail for voila.fr goes through "smtp" (default_transport = smtp), which is not among receiver "orange"\'s transports (orange): its sessions reach the receiver outside this budget.');
  });

  it('the fix adds the transport map line with the shared next-hop, and the finding goes', () => {
    const main = `transport_maps = hash:${MAP}\n# @receiver orange max-connections=3 domains=orange.fr,wanadoo.fr,voila.fr transports=orange\n`;
    const { actions } = fixesFor({ main, master: MASTER, maps: { [MAP]: ROUTES } }, 'main', 'receiver-route-outside');
    assert.deepEqual(actions.map((a) => a.title), [`Add "voila.fr orange:[smtp.orange.fr]" to ${MAP}; then run postmap ${MAP}`]);
    const after = applyEdits(ROUTES, editsFor(actions[0], `file://${MAP}`));
    assert.equal(after, `${ROUTES}voila.fr orange:[smtp.orange.fr]\n`);
    assert.deepEqual(findingsOf({ main, master: MASTER, maps: { [MAP]: after } }).filter((f) => f.code === 'receiver-route-outside'), []);
  });

  it('quiet when routing gives the transports (no transports=), when a table cannot be read, and for non-smtp transports', () => {
    const quiet = (main: string, maps: Record<string, string> = { [MAP]: ROUTES }): void =>
      assert.deepEqual(run('receiver-route-outside', { main, master: MASTER, maps }).found, [], main);
    quiet(`transport_maps = hash:${MAP}\n# @receiver orange max-connections=3 domains=orange.fr,voila.fr\n`);
    quiet(`transport_maps = hash:${MAP}\n# @receiver orange max-connections=3 domains=orange.fr,voila.fr transports=orange\n`, {});
    quiet(`transport_maps = inline:{voila.fr=error:nope}\n# @receiver orange max-connections=3 domains=voila.fr transports=orange\n`);
  });
});

describe('receiver-destinations', () => {
  it('destinations= that disagrees with the routing, and the fix that removes it', () => {
    const main = `transport_maps = hash:${MAP}\n# @receiver orange max-connections=3 domains=orange.fr,wanadoo.fr [[destinations=2]]\n`;
    const r = run('receiver-destinations', { main, master: MASTER, maps: { [MAP]: ROUTES } });
    assert.deepEqual(r.spans, r.expected);
    assert.equal(r.found[0].message, 'destinations=2, but the routing of its domains gives 2 domains to [smtp.orange.fr] = 1 next-hop via orange: the budget counts 2 next-hops per transport.');
    const plain = main.replace('[[', '').replace(']]', '');
    const { actions } = fixesFor({ main: plain, master: MASTER, maps: { [MAP]: ROUTES } }, 'main', 'receiver-destinations');
    assert.equal(actions.length, 1);
    const after = applyEdits(plain, editsFor(actions[0], 'file:///etc/postfix/main.cf'));
    assert.ok(after.endsWith('domains=orange.fr,wanadoo.fr\n'));
    assert.deepEqual(findingsOf({ main: after, master: MASTER, maps: { [MAP]: ROUTES } }).filter((f) => f.code.startsWith('receiver')), []);
  });

  it('quiet when it agrees', () => {
    const main = `# @receiver orange max-connections=3 domains=orange.fr,wanadoo.fr destinations=2\n`;
    assert.deepEqual(run('receiver-destinations', { main, master: MASTER }).found, []);
  });
});

describe('transport-map-unknown-transport', () => {
  it('an inline: entry naming a transport master.cf lacks', () => {
    const main = 'transport_maps = inline:{ orange.fr=orange:[a], { wanadoo.fr = [[wanadoo]]:[b] } }\n';
    const r = run('transport-map-unknown-transport', { main, master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /No master\.cf service is named "wanadoo"/);
  });

  it('quiet without master.cf, and for known transports', () => {
    assert.deepEqual(run('transport-map-unknown-transport', { main: 'transport_maps = inline:{ a=nope }\n' }).found, []);
    assert.deepEqual(run('transport-map-unknown-transport', { main: 'transport_maps = inline:{ a=smtp:, b=:[x] }\n', master: MASTER }).found, []);
  });
});
