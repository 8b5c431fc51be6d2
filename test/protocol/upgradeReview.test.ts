/**
 * The upgrade review over LSP: the postfix/upgradeReview and postfix/releases requests, the
 * upgrade-changed-default diagnostics and their quick-fixes with postfix.upgradeFrom set,
 * and the hover that shows both values.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Hover } from 'vscode-languageserver-protocol';
import { ConfigPair } from '../helpers/configPair';
import { suiteServer } from '../helpers/lspSuite';

const MAIN = 'compatibility_level = 3.7\nlmtp_tls_protocols = $smtp_tls_protocols\nmilter_default_action = tempfail\n';
const MASTER = 'smtp inet n - n - - smtpd\nsmtp unix - - n - - smtp\n';

interface Answer { markdown?: string; review?: { from: { name: string }; to: { name: string } }; error?: string }

describe('upgrade review over LSP, without postfix.upgradeFrom', () => {
  const server = suiteServer();

  it('answers the review of the document\'s configuration, report and structure', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open(MAIN, MASTER);
    assert.deepEqual(d.main.filter((x) => x.code === 'upgrade-changed-default'), [], 'the diagnostics are off without postfix.upgradeFrom');
    const answer = await server.client.request<Answer>('postfix/upgradeReview', { textDocument: { uri: pair.masterUri }, from: '3.5', to: '3.7' });
    assert.equal(answer.error, undefined);
    assert.deepEqual([answer.review?.from.name, answer.review?.to.name], ['3.5.27', '3.7.22']);
    assert.match(answer.markdown ?? '', /^# Upgrade review: Postfix 3\.5\.27 → 3\.7\.22\n\nConfiguration: `untitled:\/pair\d+\/main\.cf`/);
    assert.match(answer.markdown ?? '', /^- \[\*\*lmtp_tls_protocols\*\*\]\(https:\/\/www\.postfix\.org\/postconf\.5\.html#lmtp_tls_protocols\): 3\.5\.27 `!SSLv2, !SSLv3` → 3\.7\.22 `>=TLSv1`/m);
  });

  it('refuses an unknown release, listing the known ones, and needs a release to start from', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(MAIN, MASTER);
    const unknown = await server.client.request<Answer>('postfix/upgradeReview', { textDocument: { uri: pair.mainUri }, from: '2.11', to: '3.7' });
    assert.match(unknown.error ?? '', /^Postfix 2\.11 \(the release upgraded from\) is not among the releases known here\. Known releases: 3\.4\.13, /);
    const none = await server.client.request<Answer>('postfix/upgradeReview', { textDocument: { uri: pair.mainUri } });
    assert.match(none.error ?? '', /^No release to review upgraded from\./);
    const stranger = await server.client.request<Answer>('postfix/upgradeReview', { textDocument: { uri: 'file:///nowhere/x.txt' }, from: '3.5' });
    assert.deepEqual(stranger, { error: 'This document is not part of a Postfix configuration.' });
  });

  it('lists the releases it knows, with why each is known', async () => {
    const known = await server.client.request<{ releases: { name: string; note: string }[]; upgradeFrom: string | null }>('postfix/releases', null);
    assert.equal(known.releases.length, 24);
    assert.deepEqual(known.releases.find((r) => r.name === '3.7.11'), { name: '3.7.11', note: 'Debian 12' });
    assert.equal(known.upgradeFrom, null);
  });
});

describe('upgrade review over LSP, with postfix.upgradeFrom', () => {
  const server = suiteServer({ configuration: { version: '3.7', upgradeFrom: '3.5' } });

  it('reports what the upgrade changes, and pinning makes it go', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(MAIN, MASTER);
    const mine = async () => (await pair.withCode('upgrade-changed-default')).map((x) => x.diagnostic);
    const before = await mine();
    const line = before.find((x) => (x.data as { name?: string }).name === 'lmtp_tls_protocols');
    assert.deepEqual(line?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 18 } });
    assert.equal(line?.severity, 3);
    assert.equal(before.find((x) => (x.data as { name?: string }).name === 'smtp_tls_fingerprint_digest')?.message,
      'Upgrading from Postfix 3.5.27 to 3.7.22 changes smtp_tls_fingerprint_digest, which this main.cf does not set: "md5" → "sha256".');
    assert.ok(before.some((x) => x.range.start.line === 0 && (x.data as { name?: string }).name === 'smtp_tls_protocols'));
    const fix = (await pair.codeActions(pair.mainUri, line!)).find((a) => a.title === 'Pin the Postfix 3.5.27 value in main.cf: smtp_tls_protocols = !SSLv2, !SSLv3');
    assert.ok(fix?.edit);
    await pair.apply(fix.edit);
    const after = await mine();
    assert.ok(!after.some((x) => ['lmtp_tls_protocols', 'smtp_tls_protocols'].includes((x.data as { name: string }).name) && x.severity === 3));
  });

  it('adopts the new default by removing the line that keeps the old one', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(MAIN, MASTER);
    const [kept] = (await pair.withCode('upgrade-changed-default')).filter((x) => (x.diagnostic.data as { adopt?: boolean }).adopt);
    assert.equal(kept.diagnostic.severity, 4);
    const fix = (await pair.codeActions(pair.mainUri, kept.diagnostic)).find((a) => a.title.startsWith('Adopt'));
    await pair.apply(fix!.edit!);
    assert.equal(pair.main, 'compatibility_level = 3.7\nlmtp_tls_protocols = $smtp_tls_protocols\n');
  });

  it('starts the review from postfix.upgradeFrom, and hovers show both values', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(MAIN, MASTER);
    const answer = await server.client.request<Answer>('postfix/upgradeReview', { textDocument: { uri: pair.mainUri } });
    assert.deepEqual([answer.review?.from.name, answer.review?.to.name], ['3.5.27', '3.7.22']);
    const hover = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri: pair.mainUri }, position: { line: 1, character: 3 } });
    assert.match((hover.contents as { value: string }).value, /\*\*Upgrade from Postfix 3\.5\.27 to 3\.7\.22:\*\* `!SSLv2, !SSLv3` under 3\.5\.27 → `>=TLSv1` under 3\.7\.22/);
  });
});
