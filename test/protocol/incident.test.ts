/**
 * Issue 17, "the first fifteen minutes": what an admin trying the extension on the incident
 * stumbled over, replayed over stdio against the built server on the incident's own
 * configuration (test/fixtures/editor-workspace/incident: Debian's Postfix 3.7 files,
 * transports orange and wanadoo, inbound tuning, an -o on each transport that does nothing).
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CodeLens, CompletionItem, CompletionList, Hover, Location, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { StrictProviderContext, checkNameIn, coverageWarning } from '../../server/core/features/strictProviderInput';
import { ConfigPair } from '../helpers/configPair';
import { ROOT, fileUri } from '../helpers/lspClient';
import { messageOf, suiteServer } from '../helpers/lspSuite';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'editor-workspace', 'incident');
const MAIN = readFileSync(path.join(FIXTURE, 'main.cf'), 'utf8');
const MASTER = readFileSync(path.join(FIXTURE, 'master.cf'), 'utf8');
/** What declaring the receiver adds: Orange's one cap over both of its transports. */
const DIRECTIVE = '# @receiver orange max-connections=3 transports=orange,wanadoo';

/** The titles of the code lenses of a file, by line. */
async function lensTitles(pair: ConfigPair, uri: string): Promise<string[]> {
  const lenses = await pair.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  return lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
}

describe('issue 17: the incident configuration over stdio', () => {
  const server = suiteServer();

  describe('3. the budget fix', () => {
    it('"Bring orange under the cap of 3" gets the receiver under the cap in one application', async () => {
      const pair = new ConfigPair(server.client);
      await pair.open(`${MAIN}${DIRECTIVE}\n`, MASTER);
      assert.deepEqual((await lensTitles(pair, pair.mainUri)), ['30: orange: 3 + wanadoo: 2 = 5 of 3 (expect 421)']);
      const onOrange = (await pair.withCode('connection-budget')).find((x) => x.uri === pair.masterUri);
      assert.ok(onOrange);
      const bring = (await pair.codeActions(onOrange.uri, onOrange.diagnostic)).find((a) => a.title.startsWith('Bring "orange"'));
      assert.ok(bring?.edit, 'a "Bring orange under the cap" fix');
      assert.equal(bring.title, 'Bring "orange" under the cap of 3: limit 1 per destination; also "wanadoo": limit 1 per destination');
      await pair.apply(bring.edit);
      assert.deepEqual(await pair.withCode('connection-budget'), []);
      assert.deepEqual(await lensTitles(pair, pair.mainUri), ['30: orange: 1 + wanadoo: 1 = 2 of 3 (ok)']);
    });

    it('puts each transport\'s new main.cf lines in one block, beside its own lines when it has some', async () => {
      const pair = new ConfigPair(server.client);
      // orange already has a line of its own in main.cf, away from the end; wanadoo has none.
      const main = MAIN.replace('relayhost =\n', 'relayhost =\n# Orange\norange_destination_concurrency_failed_cohort_limit = 10\n');
      await pair.open(`${main}${DIRECTIVE}\n`, MASTER);
      const onOrange = (await pair.withCode('connection-budget')).find((x) => x.uri === pair.masterUri);
      const bring = (await pair.codeActions(onOrange!.uri, onOrange!.diagnostic)).find((a) => a.title.startsWith('Bring "orange"'));
      await pair.apply(bring!.edit!);
      const lines = pair.main.split('\n');
      const at = lines.indexOf('orange_destination_concurrency_failed_cohort_limit = 10');
      assert.deepEqual(lines.slice(at, at + 3), [
        'orange_destination_concurrency_failed_cohort_limit = 10',
        'orange_destination_concurrency_limit = 1',
        'orange_initial_destination_concurrency = 1',
      ]);
      assert.deepEqual(lines.slice(-4), [DIRECTIVE, 'wanadoo_destination_concurrency_limit = 1', 'wanadoo_initial_destination_concurrency = 1', '']);
    });
  });

  describe('5. completion after -o', () => {
    /** The names offered after "-o " on a new continuation line of `service`, in the order an editor shows them. */
    async function offered(pair: ConfigPair, service: string): Promise<string[]> {
      const lines = pair.master.split('\n');
      const at = lines.findIndex((l) => l.startsWith(`${service} `)) + 1;
      lines.splice(at, 0, '  -o ');
      await pair.client.change(pair.masterUri, (pair.texts.set(pair.masterUri, lines.join('\n')), pair.master));
      const list = await pair.client.request<CompletionList>('textDocument/completion', { textDocument: { uri: pair.masterUri }, position: { line: at, character: 5 } });
      const key = (i: CompletionItem): string => i.sortText ?? i.label;
      return [...list.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((i) => i.label);
    }

    it('ranks the names the service\'s program reads first', async () => {
      const pair = new ConfigPair(server.client);
      await pair.open(MAIN, MASTER);
      const names = await offered(pair, 'wanadoo');
      assert.notEqual(names[0], '2bounce_notice_recipient');
      // What the smtp client reads for itself comes before what every program reads (syslog_name).
      const everyone = names.indexOf('syslog_name');
      for (const name of ['smtp_connection_cache_on_demand', 'smtp_tls_security_level', 'smtp_bind_address', 'smtp_helo_name']) {
        assert.ok(names.indexOf(name) >= 0 && names.indexOf(name) < everyone, `${name} before syslog_name`);
      }
      assert.ok(names.slice(0, everyone).every((n) => !/^(smtpd|postscreen|lmtp|2bounce)_/.test(n)), names.slice(0, 10).join(', '));
    });

    it('leaves out the names the checker would flag there', async () => {
      const pair = new ConfigPair(server.client);
      await pair.open(MAIN, MASTER);
      const names = await offered(pair, 'wanadoo');
      for (const name of ['wanadoo_destination_rate_delay', 'smtp_destination_rate_delay', 'default_destination_concurrency_limit', 'smtpd_tls_security_level', 'default_process_limit']) {
        assert.ok(!names.includes(name), `${name} is not offered`);
      }
      // Every name offered, set with -o on wanadoo: none of them is flagged as having no effect there.
      const lines = pair.master.split('\n').filter((l) => l !== '  -o ');
      const at = lines.findIndex((l) => l.startsWith('wanadoo ')) + 1;
      lines.splice(at, 0, ...names.map((n) => `  -o ${n}=1`));
      pair.texts.set(pair.masterUri, lines.join('\n'));
      await pair.client.change(pair.masterUri, pair.master);
      const flagged = (await pair.diagnostics()).master.filter((d) => d.code === 'scope-mismatch' || d.code === 'qmgr-parameter-in-service');
      const offeredLines = flagged.filter((d) => d.range.start.line >= at && d.range.start.line < at + names.length);
      assert.deepEqual(offeredLines.map(messageOf), []);
      assert.equal(flagged.length, 2, 'the fixture\'s own two -o are still flagged');
    });
  });

  describe('6. finding the budget', () => {
    it('the "no receiver declared" lens inserts a # @receiver directive for its transport, the cap to fill in', async () => {
      const pair = new ConfigPair(server.client);
      await pair.open(MAIN, MASTER);
      const lenses = await pair.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: pair.masterUri } });
      const orange = lenses.find((l) => l.command?.title.startsWith('orange:'));
      assert.equal(orange?.command?.title, 'orange: up to 3 sessions per destination (no receiver declared)');
      assert.equal(orange.command.command, 'postfix.declareReceiver');
      assert.deepEqual(orange.command.arguments, [{
        uri: pair.masterUri, line: 28,
        // The cap first; the other transports that have no receiver either are one choice away.
        snippet: '# @receiver ${2:orange} max-connections=${1:3} transports=${3|orange,orange\\,wanadoo|}\n',
      }]);
      const smtp = lenses.find((l) => l.command?.title.startsWith('smtp:'));
      assert.deepEqual(smtp?.command?.arguments, [{ uri: pair.masterUri, line: 15, snippet: '# @receiver ${2:smtp} max-connections=${1:3} transports=smtp\n' }]);
    });
  });

  describe('7. smaller things', () => {
    it('the inbound hints are short, say what anvil_rate_time_unit is, and put the detail in related information and the hover', async () => {
      const pair = new ConfigPair(server.client);
      const d = await pair.open(`${MAIN}${DIRECTIVE}\n`, MASTER);
      const hints = d.main.filter((x) => x.code === 'inbound-limit-hint');
      assert.deepEqual(hints.map((x) => x.range.start.line), [27, 28, 29]);
      for (const h of hints) assert.ok(messageOf(h).length <= 170, `${messageOf(h).length} characters: ${messageOf(h)}`);
      assert.equal(messageOf(hints[0]), '"smtpd_client_connection_count_limit" applies to the clients that connect to this server; it does not change how many sessions this server opens to "orange".');
      assert.equal(messageOf(hints[2]), '"anvil_rate_time_unit" is the time unit of the inbound rate limits (smtpd_client_*_rate_limit); it does not change how many sessions this server opens to "orange".');
      const related = (hints[0].relatedInformation ?? []).map((r) => `${r.location.uri === pair.mainUri ? 'main' : 'master'}:${r.location.range.start.line}: ${r.message}`);
      assert.deepEqual(related, [
        'main:30: receiver "orange": its sessions are bounded by its transports\' limits, not by inbound ones',
        'master:28: orange maxproc 3: bounds the sessions it opens',
        'master:30: wanadoo maxproc 2: bounds the sessions it opens',
      ]);
      const hover = await pair.client.request<Hover>('textDocument/hover', { textDocument: { uri: pair.mainUri }, position: { line: 27, character: 3 } });
      assert.match((hover.contents as MarkupContent).value, /Outbound sessions to "orange" are bounded by each of its transports' maxproc, `T_destination_concurrency_limit`, `T_destination_rate_delay`, `T_transport_rate_delay` .* and connection caching/);
    });

    it('the receiver hover\'s D row says where D came from', async () => {
      const pair = new ConfigPair(server.client);
      await pair.open(`${MAIN}${DIRECTIVE}\n`, MASTER);
      const onDirective = await pair.client.request<Hover>('textDocument/hover', { textDocument: { uri: pair.mainUri }, position: { line: 30, character: 5 } });
      const text = (onDirective.contents as MarkupContent).value;
      assert.match(text, /\| D: destinations \| 1 \| `destinations=` not set in the directive: 1 \(set it to how many of the receiver's next-hops the transport serves\) \|/);
      const declared = new ConfigPair(server.client);
      await declared.open(`${MAIN}${DIRECTIVE} destinations=2\n`, MASTER);
      const onTransport = await declared.client.request<Hover>('textDocument/hover', { textDocument: { uri: declared.masterUri }, position: { line: 28, character: 2 } });
      assert.match((onTransport.contents as MarkupContent).value, /\| D: destinations \| 2 \| `destinations=2` in the directive of receiver "orange" \|/);
    });

    it('go to definition from a name in transports= reaches that transport in master.cf', async () => {
      const pair = new ConfigPair(server.client);
      await pair.open(`${MAIN}${DIRECTIVE}\n`, MASTER);
      const go = (character: number): Promise<Location[]> =>
        pair.client.request<Location[]>('textDocument/definition', { textDocument: { uri: pair.mainUri }, position: { line: 30, character } });
      const wanadoo = DIRECTIVE.indexOf('wanadoo') + 3;
      assert.deepEqual(await go(wanadoo), [{ uri: pair.masterUri, range: { start: { line: 30, character: 0 }, end: { line: 30, character: 7 } } }]);
      assert.deepEqual(await go(DIRECTIVE.indexOf('=orange') + 1), [{ uri: pair.masterUri, range: { start: { line: 28, character: 0 }, end: { line: 28, character: 6 } } }]);
      assert.deepEqual(await go(DIRECTIVE.indexOf('max-')), []);
    });
  });

  describe('4. the strict-provider command', () => {
    const dirs: string[] = [];
    after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

    /** The incident's files (and its transport map source) in a folder of their own, open as files. */
    async function onDisk(main: string): Promise<ConfigPair> {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-incident-'));
      dirs.push(dir);
      writeFileSync(path.join(dir, 'main.cf'), main);
      writeFileSync(path.join(dir, 'master.cf'), MASTER);
      copyFileSync(path.join(FIXTURE, 'transport'), path.join(dir, 'transport'));
      const pair = new ConfigPair(server.client);
      Object.assign(pair, { mainUri: fileUri(path.join(dir, 'main.cf')), masterUri: fileUri(path.join(dir, 'master.cf')) });
      await pair.open(main, MASTER);
      return pair;
    }

    const context = (pair: ConfigPair): Promise<StrictProviderContext> =>
      pair.client.request<StrictProviderContext>('postfix/strictProviderContext', { textDocument: { uri: pair.masterUri } });
    const edit = (pair: ConfigPair, name: string, maxConnections: number, domains: string[]) =>
      pair.client.request<{ edit?: WorkspaceEdit; error?: string; warning?: string }>('postfix/strictProviderEdit', { textDocument: { uri: pair.masterUri }, name, maxConnections, domains });

    it('judges the name at the first prompt: an existing transport is converted, Postfix\'s own and other services are refused', async () => {
      const pair = await onDisk(MAIN);
      const { services } = await context(pair);
      assert.deepEqual(checkNameIn('orange-strict', services), undefined);
      assert.equal(checkNameIn('orange', services)?.severity, 'info');
      assert.match(checkNameIn('orange', services)!.message, /^"orange" is already a transport in master\.cf: it will be converted/);
      assert.deepEqual(checkNameIn('smtp', services), { severity: 'error', message: '"smtp" is Postfix\'s own smtp transport: mail to every other destination uses it. Choose a name for the provider.' });
      assert.deepEqual(checkNameIn('pickup', services), { severity: 'error', message: 'master.cf already has a service named "pickup" (unix pickup): choose another name.' });
    });

    it('converts an existing transport in place, and the budget is then under the cap', async () => {
      const pair = await onDisk(MAIN);
      const result = await edit(pair, 'orange', 3, ['orange.fr']);
      assert.equal(result.error, undefined);
      await pair.apply(result.edit!);
      assert.match(pair.master, /^orange    unix  -       -       y       -       1       smtp\n  -o smtpd_tls_security_level=may\n  -o smtp_connection_cache_on_demand=no\nwanadoo /m);
      assert.equal(pair.master.match(/^orange /gm)?.length, 1, 'no second orange service');
      // The transport map routes orange.fr through orange already: no route to add.
      assert.ok(pair.main.endsWith([
        '# Strict provider "orange": one delivery at a time over all its domains with a short pause,',
        '# a fresh session each time, and ten failed waves before a destination counts as dead.',
        '# @receiver orange max-connections=3 transports=orange destinations=1',
        'orange_initial_destination_concurrency = 1',
        'orange_transport_rate_delay = 1s',
        'orange_destination_concurrency_failed_cohort_limit = 10',
        '',
      ].join('\n')), pair.main.slice(-600));
      assert.deepEqual(await lensTitles(pair, pair.mainUri), ['32: orange: 1 = 1 of 3 (ok)']);
    });

    it('warns when a receiver already covers the domains, and the new transport joins it instead of a second cap', async () => {
      const pair = await onDisk(`${MAIN}${DIRECTIVE}\n`);
      const ctx = await context(pair);
      assert.deepEqual({ ...ctx.routes }, { 'orange.fr': 'orange', 'wanadoo.fr': 'wanadoo' });
      assert.deepEqual(ctx.receivers, [{ name: 'orange', maxConnections: 3, transports: ['orange', 'wanadoo'] }]);
      const warning = 'Receiver "orange" already covers orange.fr, wanadoo.fr (through orange, wanadoo) with a cap of 3: the provider counts one cap per source address, so "strict" will join that receiver and share its cap, not get a second one.';
      assert.equal(coverageWarning('strict', ['orange.fr', 'wanadoo.fr'], ctx), warning);
      const result = await edit(pair, 'strict', 3, ['orange.fr', 'wanadoo.fr']);
      assert.equal(result.warning, warning);
      await pair.apply(result.edit!);
      assert.match(pair.main, /^# @receiver orange max-connections=3 transports=orange,wanadoo,strict$/m);
      assert.doesNotMatch(pair.main, /^# @receiver strict/m);
    });
  });
});
