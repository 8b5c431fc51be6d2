/**
 * The connection budget through the real server over stdio: the classic Orange case
 * (risk zone, then the same with the default cache and process limit: error), the
 * directive and the setting, related information, code lenses, the hover, the summary,
 * and the quick-fixes applied and re-checked until the diagnostic is gone.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CodeLens, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ConfigPair } from '../helpers/configPair';
import { messageOf, suiteServer, textAt } from '../helpers/lspSuite';

const budgetOf = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code === 'connection-budget');

const CLASSIC_MAIN = [
  'myhostname = mx.example.com',
  '# @receiver orange max-connections=3 transports=orange,wanadoo destinations=2',
  'orange_destination_concurrency_limit = 1',
  'wanadoo_destination_concurrency_limit = 1',
  'orange_destination_rate_delay = 2s',
  'wanadoo_destination_rate_delay = 2s',
  '',
].join('\n');
const CLASSIC_MASTER = [
  'smtp      unix  -       -       y       -       -       smtp',
  'orange    unix  -       -       y       -       2       smtp',
  '  -o smtp_connection_cache_on_demand=no',
  'wanadoo   unix  -       -       y       -       1       smtp',
  '  -o smtp_connection_cache_on_demand=no',
  '',
].join('\n');
/** The same transports with the default cache (on demand) and process limit (-). */
const DEFAULT_MASTER = [
  'smtp      unix  -       -       y       -       -       smtp',
  'orange    unix  -       -       y       -       -       smtp',
  'wanadoo   unix  -       -       y       -       -       smtp',
  '',
].join('\n');

describe('connection budget over LSP', () => {
  const server = suiteServer();

  it('classic case: orange 2 + wanadoo 1 = 3 of 3 is the risk zone, with failed-cohort-limit', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open(CLASSIC_MAIN, CLASSIC_MASTER);
    const onDirective = budgetOf(d.main);
    assert.equal(onDirective.length, 1);
    assert.equal(onDirective[0].severity, 2 /* warning */);
    assert.equal(textAt(pair.main, onDirective[0].range), '@receiver orange max-connections=3 transports=orange,wanadoo destinations=2');
    assert.match(messageOf(onDirective[0]), /up to 3 sessions .*exactly the 3 it allows: risk zone/);
    const onMaxproc = budgetOf(d.master);
    assert.deepEqual(onMaxproc.map((x) => [textAt(pair.master, x.range), x.range.start.line, x.severity]), [['2', 1, 2], ['1', 3, 2]]);
    assert.match(messageOf(onMaxproc[0]), /^orange: min\(1 x 2, 2\) = 2 \(maxproc 2, 1 per destination \(rate delay 2s\), 2 destinations, connection caching off\)/);
    const cohort = d.master.filter((x) => x.code === 'failed-cohort-limit');
    assert.deepEqual(cohort.map((x) => textAt(pair.master, x.range)), ['orange', 'wanadoo']);
    assert.deepEqual(d.main.filter((x) => x.code !== 'connection-budget').map((x) => x.code), []);
  });

  it('points related information at every value that fed the sum', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open(CLASSIC_MAIN, CLASSIC_MASTER);
    const related = budgetOf(d.master)[0].relatedInformation ?? [];
    const shown = related.map((r) => `${r.location.uri === pair.mainUri ? 'main' : 'master'}:${textAt(r.location.uri === pair.mainUri ? pair.main : pair.master, r.location.range)}`);
    assert.deepEqual(shown, [
      'master:2', 'main:orange_destination_rate_delay = 2s', 'master:smtp_connection_cache_on_demand=no',
      'master:1', 'main:wanadoo_destination_rate_delay = 2s', 'master:smtp_connection_cache_on_demand=no',
      'main:max-connections=3', 'main:destinations=2',
    ]);
  });

  it('the same with the default cache and process limit is an error (caching in effect: 4 + 4 = 8 of 3)', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open(CLASSIC_MAIN, DEFAULT_MASTER);
    const all = [...budgetOf(d.main), ...budgetOf(d.master)];
    assert.equal(all.length, 3);
    for (const x of all) assert.equal(x.severity, 1 /* error */);
    assert.match(messageOf(budgetOf(d.main)[0]), /can reach 8 sessions at once from this host .*but it allows 3: expect 421 deferrals\. With connection caching in effect, a destination whose queue drains and refills/);
    assert.deepEqual(budgetOf(d.master).map((x) => textAt(pair.master, x.range)), ['-', '-']);
    assert.match(messageOf(budgetOf(d.master)[0]), /min\(1 x 2, 100\) \+ 2 x min\(1, 100\) cached = 4 \(maxproc 100 \(default_process_limit\)/);
  });

  it('shows the breakdown in code lenses over the directive and each outbound transport', async () => {
    const pair = new ConfigPair(server.client);
    const main = CLASSIC_MAIN.replace('destinations=2', 'destinations=2 other-senders=1');
    await pair.open(main, CLASSIC_MASTER);
    const expected = 'orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)';
    const onMain = await server.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: pair.mainUri } });
    assert.deepEqual(onMain.map((l) => [l.range.start.line, l.command?.title]), [[1, expected]]);
    const onMaster = await server.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: pair.masterUri } });
    assert.deepEqual(onMaster.map((l) => [l.range.start.line, l.command?.title]), [
      [0, 'smtp: can reach 40 sessions per destination: 20 active + 20 cached (no receiver declared)'],
      [1, expected],
      [3, expected],
    ]);
  });

  it('explains each number in the hover on a transport name', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(CLASSIC_MAIN, DEFAULT_MASTER);
    const hover = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri: pair.masterUri }, position: { line: 1, character: 2 } });
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /\*\*orange\*\* \(smtp client\): connection budget/);
    assert.match(text, /\| P: processes \| 100 \| maxproc field "-" = \[default_process_limit\]\(https:\/\/www\.postfix\.org\/postconf\.5\.html#default_process_limit\) 100 \(default\) \|/);
    assert.match(text, /\| L: sessions per destination \| 1 \| 1 because \[orange_destination_rate_delay\].* 2s \(main\.cf\) is not zero/);
    assert.match(text, /\| D: destinations \| 2 \| `destinations=2` in the directive of receiver "orange" \|/);
    assert.match(text, /\| caching \| on \| \[smtp_connection_cache_on_demand\].* yes \(default\) \|/);
    assert.match(text, /\| TLS \| no \| \[smtp_tls_security_level\]\(.*\) not set: level none \|/);
    assert.match(text, /\| source \| default IPv4, default IPv6 \| \[inet_protocols\]\(.*\) all \(default\); no bind address: the system picks it \|/);
    assert.match(text, /active = min\(L x D, P\), cached = D x min\(L, P\); min\(1 x 2, 100\) \+ 2 x min\(1, 100\) cached = 4: can reach \*\*4\*\* at once/);
    assert.match(text, /Receiver \*\*orange\*\*: orange: 4 \+ wanadoo: 4 = 8 of 3 \(can reach: expect 421\)/);
    const onDirective = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri: pair.mainUri }, position: { line: 1, character: 5 } });
    assert.match((onDirective.contents as MarkupContent).value, /^\*\*Receiver orange\*\*: orange: 4 \+ wanadoo: 4 = 8 of 3 \(can reach: expect 421\)\n\nAccepts 3 sessions from each source address of this host; 0 come from other senders/);
    const none = await server.client.request<Hover | null>('textDocument/hover', { textDocument: { uri: pair.masterUri }, position: { line: 1, character: 20 } });
    assert.ok(!none || !(none.contents as MarkupContent).value.includes('connection budget'));
  });

  it('shows a transport rate delay, TLS and the source address in the lens and the hover', async () => {
    const pair = new ConfigPair(server.client);
    const main = 'slow_transport_rate_delay = 1s\nsmtp_tls_security_level = may\n# @receiver lab max-connections=3 transports=tls destinations=3\n';
    const master = 'slow unix - - n - 10 smtp\n  -o smtp_connection_cache_on_demand=no\ntls unix - - n - 2 smtp\n  -o smtp_bind_address=203.0.113.5\n';
    await pair.open(main, master);
    const lenses = await server.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: pair.masterUri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [0, 'slow: 1 session at a time in all (transport rate delay) (no receiver declared)'],
      [2, 'tls: 2 = 2 of 3 (ok)'],
    ]);
    const slow = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri: pair.masterUri }, position: { line: 0, character: 1 } });
    assert.match((slow.contents as MarkupContent).value, /\| X: deliveries at once in all \| 1 \| \[slow_transport_rate_delay\]\(.*#transport_transport_rate_delay\) 1s \(main\.cf\) is not zero \|/);
    const tls = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri: pair.masterUri }, position: { line: 2, character: 1 } });
    const text = (tls.contents as MarkupContent).value;
    assert.match(text, /\| TLS \| yes \| \[smtp_tls_security_level\]\(.*\) may \(main\.cf\) \(level may\); the receiver offers STARTTLS; \[smtp_tls_connection_reuse\]\(.*\) no \(default\) \|/);
    assert.match(text, /\| source \| 203\.0\.113\.5, default IPv6 \|/);
    assert.match(text, /TLS sessions are not cached without connection reuse, every session is an active delivery: active = min\(L x D, P\) = min\(20 x 3, 2\) = 2: at most \*\*2\*\* at once, an exact count/);
  });

  it('fills the receivers of postfix/summary', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(CLASSIC_MAIN, CLASSIC_MASTER);
    const s = await server.client.request<{ receivers: unknown[] }>('postfix/summary', { textDocument: { uri: pair.mainUri } });
    assert.deepEqual(s.receivers, [{
      name: 'orange', maxConnections: 3, transports: ['orange', 'wanadoo'], otherSenders: 0, destinations: 2,
      visible: 3, status: 'at', line: 'orange: 2 + wanadoo: 1 = 3 of 3 (risk zone)', declaredIn: 'main',
    }]);
  });

  it('"Bring under the cap" applied once gets under the cap, the other transport brought down with it', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(CLASSIC_MAIN, DEFAULT_MASTER);
    const titles: string[] = [];
    for (let round = 0; round < 4; round++) {
      const found = (await pair.withCode('connection-budget')).filter((x) => x.uri === pair.masterUri);
      if (!found.length) break;
      // The first transport that can still give something back.
      let bring;
      for (const x of found) bring ??= (await pair.codeActions(x.uri, x.diagnostic)).find((a) => a.title.startsWith('Bring '));
      assert.ok(bring?.edit, 'no "Bring" fix left while the budget is still reported');
      titles.push(bring.title);
      await pair.apply(bring.edit);
    }
    assert.deepEqual(titles, [
      'Bring "orange" under the cap of 3: caching off, maxproc 1, limit 1 per destination; also "wanadoo": caching off, maxproc 1, limit 1 per destination',
    ]);
    assert.deepEqual(await pair.withCode('connection-budget'), []);
    assert.match(pair.master, /^orange    unix  -       -       y       -       1       smtp\n  -o smtp_connection_cache_on_demand=no$/m);
    assert.match(pair.main, /^orange_initial_destination_concurrency = 1$/m);
    const s = await server.client.request<{ receivers: { line: string }[] }>('postfix/summary', { textDocument: { uri: pair.mainUri } });
    assert.equal(s.receivers[0].line, 'orange: 1 + wanadoo: 1 = 2 of 3 (ok)');
  });

  it('"Disable connection caching" removes the sessions cached beyond maxproc', async () => {
    // Three next-hops, limit 2, maxproc 2: cached sessions lift the peak to 2 + 3 x 2 = 8; without caching it is 2.
    const pair = new ConfigPair(server.client);
    const main = '# @receiver lab max-connections=3 transports=strict destinations=3\nstrict_destination_concurrency_limit = 2\n';
    const master = 'strict unix - - n - 2 smtp\n  -o syslog_name=postfix/strict\n';
    await pair.open(main, master);
    const [onField] = (await pair.withCode('connection-budget')).filter((x) => x.uri === pair.masterUri);
    assert.match(messageOf(onField.diagnostic), /min\(2 x 3, 2\) \+ 3 x min\(2, 2\) cached = 8/);
    const actions = await pair.codeActions(onField.uri, onField.diagnostic);
    const off = actions.find((a) => a.title === 'Disable connection caching for "strict"');
    assert.ok(off?.edit);
    await pair.apply(off.edit);
    assert.equal(pair.master, 'strict unix - - n - 2 smtp\n  -o syslog_name=postfix/strict\n  -o smtp_connection_cache_on_demand=no\n');
    assert.deepEqual(await pair.withCode('connection-budget'), []);
  });

  it('reports malformed directives (receiver-directive)', async () => {
    const pair = new ConfigPair(server.client);
    const main = [
      '# @receiver max-connections=3 transports=orange',
      '# @receiver orange max-conections=3 transports=orange',
      '# @receiver wanadoo max-connections=zero transports=orange',
      '# @receiver sfr max-connections=2',
      '# @receiver free max-connections=2 transports=orange,nosuch,local',
      '# @receiver free max-connections=5 transports=orange',
      '# @receivers is only a comment',
      '',
    ].join('\n');
    const master = 'orange unix - - n - 1 smtp\nlocal unix - n n - - local\n';
    const d = await pair.open(main, master);
    const found = d.main.filter((x) => x.code === 'receiver-directive').map((x) => `${x.range.start.line}:${textAt(pair.main, x.range)}: ${messageOf(x)}`);
    assert.deepEqual(found, [
      '0:@receiver: A receiver directive starts with the receiver\'s name: "# @receiver NAME max-connections=N transports=T1,T2".',
      '1:max-conections: Unknown key "max-conections": did you mean "max-connections"?',
      '1:@receiver orange: Receiver "orange" needs max-connections=N: the number of sessions it accepts from this host.',
      '2:zero: max-connections must be a whole number of at least 1, not "zero".',
      '3:@receiver sfr: Receiver "sfr" needs domains=D1,D2 (its domains: routing gives the transports) or transports=T1,T2 (the master.cf transports that deliver to it).',
      '4:nosuch: No master.cf service is named "nosuch": it adds nothing to this receiver\'s budget.',
      '4:local: "local" runs local, not the smtp/lmtp client: it opens no SMTP sessions and is not counted.',
      '5:free: Receiver "free" is declared twice; this declaration is ignored.',
    ]);
  });
});

describe('receivers from the postfix.receivers setting', () => {
  const server = suiteServer({ configuration: { receivers: [{ name: 'outlook', maxConnections: 2, transports: ['msft'], otherSenders: 1 }] } });

  it('checks the budget on the maxproc field and enables inbound-limit-hint', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('smtpd_client_connection_count_limit = 5\n', 'msft unix - - n - 1 smtp\n  -o smtp_connection_cache_on_demand=no\n');
    const onField = budgetOf(d.master);
    assert.deepEqual(onField.map((x) => [textAt(pair.master, x.range), x.severity]), [['1', 2]]);
    assert.match(messageOf(onField[0]), /msft: 1 \+ 1 other = 2 of 2/);
    const hint = d.main.filter((x) => x.code === 'inbound-limit-hint');
    assert.deepEqual(hint.map((x) => [textAt(pair.main, x.range), x.severity]), [['smtpd_client_connection_count_limit', 3]]);
    assert.match(messageOf(hint[0]), /does not change how many sessions this server opens to "outlook"/);
  });
});
