/**
 * The routing-derived budget through the real server over stdio, with main.cf, master.cf
 * and the transport map in a folder on disk (main.cf names the map by its absolute path
 * in /etc/postfix; the server reads the file of that name beside main.cf): the code lens
 * and hover of a receiver declared by its domains, receiver-route-outside and its
 * quick-fix, which edits the map file.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { CodeAction, CodeLens, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers/applyEdits';
import { messageOf, suiteServer, textAt } from '../helpers/lspSuite';

const MASTER = [
  'smtp      unix  -       -       y       -       -       smtp',
  'orange    unix  -       -       y       -       4       smtp',
  '  -o smtp_connection_cache_on_demand=no',
  '',
].join('\n');
const MAP = 'orange.fr   orange:[smtp.orange.fr]\nwanadoo.fr  orange:[smtp.orange.fr]\n';
const mainText = (keys: string): string => [
  'transport_maps = hash:/etc/postfix/transport',
  'smtp_connection_cache_on_demand = no',
  'orange_destination_concurrency_limit = 2',
  `# @receiver orange max-connections=3 domains=orange.fr,wanadoo.fr,voila.fr${keys}`,
  '',
].join('\n');

describe('routing-derived budget over LSP', () => {
  const server = suiteServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-routing-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const uri = (name: string): string => pathToFileURL(path.join(dir, name)).href;
  writeFileSync(path.join(dir, 'transport'), MAP);
  writeFileSync(path.join(dir, 'master.cf'), MASTER);

  it('the lens and hover of a receiver declared by its domains show the routing and the budget from it', async () => {
    const main = mainText('');
    writeFileSync(path.join(dir, 'main.cf'), main);
    await server.client.open(uri('master.cf'), MASTER);
    const published = await server.client.open(uri('main.cf'), main);
    assert.deepEqual(published.diagnostics.filter((d: Diagnostic) => d.code?.toString().startsWith('receiver')), []);
    const lenses = await server.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri('main.cf') } });
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles.includes('orange: 2 + smtp: 20 = 22 of 3 (expect 421)'), JSON.stringify(titles));
    assert.ok(titles.includes('orange: 2 domains to [smtp.orange.fr] = 1 next-hop via orange; 1 domain MX-routed = 1 next-hop via smtp'), JSON.stringify(titles));
    const hover = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri: uri('main.cf') }, position: { line: 3, character: 5 } });
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /- voila\.fr → \*\*smtp\*\* next-hop `voila\.fr` \(MX-routed\): default_transport = `smtp`/);
    assert.match(text, /- orange\.fr → \*\*orange\*\* next-hop `\[smtp\.orange\.fr\]`: default_transport = `smtp`, then transport_maps hash:\/etc\/postfix\/transport `orange\.fr` → `orange:\[smtp\.orange\.fr\]`/);
  });

  it('a hover on a transport map key names the route and the budget it feeds', async () => {
    await server.client.open(uri('transport'), MAP, 'postfix-map');
    const hover = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri: uri('transport') }, position: { line: 1, character: 3 } });
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /Mail for wanadoo\.fr: transport \*\*orange\*\*, next-hop `\[smtp\.orange\.fr\]`: one qmgr destination/);
    assert.match(text, /Feeds the budget of receiver \*\*orange\*\*: orange: 2 \+ smtp: 20 = 22 of 3 \(expect 421\)/);
    await server.client.close(uri('transport'));
  });

  it('receiver-route-outside, and its fix adds the line to the map file; after it the budget names one transport', async () => {
    const main = mainText(' transports=orange');
    const published = await server.client.change(uri('main.cf'), main);
    const outside = published.diagnostics.filter((d: Diagnostic) => d.code === 'receiver-route-outside');
    assert.deepEqual(outside.map((d: Diagnostic) => textAt(main, d.range)), ['voila.fr']);
    assert.match(messageOf(outside[0]), /goes through "smtp" \(default_transport = smtp\)/);
    const actions = await server.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri('main.cf') }, range: outside[0].range, context: { diagnostics: outside },
    });
    const fix = actions.find((a) => a.title.startsWith('Add "voila.fr orange:[smtp.orange.fr]"'));
    assert.ok(fix?.edit?.changes, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit.changes), [uri('transport')], 'the fix edits the map file only');
    const after = applyEdits(MAP, fix.edit.changes[uri('transport')]);
    assert.equal(after, `${MAP}voila.fr orange:[smtp.orange.fr]\n`);
    // The editor applies it to the map (opened), and main.cf is checked again.
    await server.client.open(uri('transport'), after, 'postfix-map');
    const again = await server.client.change(uri('main.cf'), `${main}# checked again\n`);
    assert.deepEqual(again.diagnostics.filter((d: Diagnostic) => d.code === 'receiver-route-outside'), []);
    await server.client.close(uri('transport'));
    await server.client.close(uri('main.cf'));
  });
});
