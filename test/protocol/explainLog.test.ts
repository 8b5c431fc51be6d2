/**
 * The log explainer over LSP, as the VS Code command and other editors use it:
 * postfix/explainLog on a file (plain and gzip) and on text, with the configuration of an
 * open main.cf, work done progress, cancellation of a large log; go to definition from a
 * queue ID in an open log; postfix/receiverCapEdit writing the inferred cap.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, Location, WorkDoneProgress, WorkDoneProgressBegin, WorkDoneProgressReport, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { LogReport } from '../../server/core/languageService';
import { ConfigPair } from '../helpers/configPair';
import { ROOT, fileUri } from '../helpers/lspClient';
import { suiteServer } from '../helpers/lspSuite';

const RUN = path.join(ROOT, 'test', 'fixtures', 'logs', 'cohort-suspension');
const LOG = readFileSync(path.join(RUN, 'maillog'), 'utf8');
const REFERENCE = Date.UTC(2026, 11, 31) / 1000;

type Result = { report: LogReport; html: { body: string; style: string } } | { error: string };

describe('the log explainer over LSP', () => {
  const server = suiteServer();
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'postfix-explain-'));
    writeFileSync(path.join(tmp, 'mail.log'), LOG);
    writeFileSync(path.join(tmp, 'mail.log.1.gz'), gzipSync(LOG));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const explain = (params: Record<string, unknown>): Promise<Result> => server.client.request<Result>('postfix/explainLog', { referenceTime: REFERENCE, ...params });

  it('explains a file, plain or compressed, and text, alike', async () => {
    const plain = await explain({ path: path.join(tmp, 'mail.log') });
    const gz = await explain({ path: path.join(tmp, 'mail.log.1.gz'), source: path.join(tmp, 'mail.log') });
    const text = await explain({ text: LOG, source: path.join(tmp, 'mail.log') });
    assert.ok('report' in plain, JSON.stringify(plain));
    assert.deepEqual(gz, plain);
    assert.deepEqual(text, plain);
    assert.equal(plain.report.receivers[0].cap.value, 1);
    assert.match(plain.html.body, /<button class="apply-cap" data-receiver="0">Write max-connections=1 into # @receiver 127\.0\.0\.1<\/button>/);
    assert.deepEqual(await explain({ path: path.join(tmp, 'missing.log') }), { error: `Cannot read ${path.join(tmp, 'missing.log')}: no such file` });
    assert.deepEqual(await explain({}), { error: 'Give the log as an absolute path or as text.' });
  });

  it('reads the transports and the declared cap from an open configuration', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open(`${readFileSync(path.join(RUN, 'main.cf'), 'utf8')}\n# @receiver sink max-connections=3 transports=strict\n`, readFileSync(path.join(RUN, 'master.cf'), 'utf8'));
    const r = await explain({ path: path.join(tmp, 'mail.log'), config: { uri: pair.mainUri } });
    assert.ok('report' in r);
    const receiver = r.report.receivers[0];
    assert.deepEqual([receiver.key, receiver.declared, receiver.transports], ['sink', { name: 'sink', maxConnections: 3, transports: ['strict'] }, [{ name: 'strict', from: 'configuration' }]]);
    // The button writes the inferred cap (1) over the declared one (3).
    const edit = await server.client.request<{ edit?: WorkspaceEdit; description?: string }>('postfix/receiverCapEdit', { textDocument: { uri: pair.mainUri }, receiver: 'sink', maxConnections: 1, transports: ['strict'] });
    assert.equal(edit.description, 'max-connections=1 in "# @receiver sink" (main.cf)');
    await pair.apply(edit.edit!);
    assert.match(pair.main, /\n# @receiver sink max-connections=1 transports=strict\n$/);
  });

  it('reports progress, and stops a large log when the request is cancelled', async () => {
    // 100 MB of the lab log, its times shifted a day further each copy.
    const big = path.join(tmp, 'big.log');
    const copies: string[] = [];
    for (let i = 0; i < 1400; i++) copies.push(LOG.replace(/^Dec 03/gm, `Dec ${String(3 + (i % 25)).padStart(2, '0')}`));
    writeFileSync(big, copies.join(''));
    const seen: (WorkDoneProgressBegin | WorkDoneProgressReport)[] = [];
    const source = new CancellationTokenSource();
    const progress = server.client.connection.onProgress(WorkDoneProgress.type, 'big-1', (value) => {
      if (value.kind === 'end') return;
      seen.push(value);
      if (value.kind === 'report') source.cancel();
    });
    const answer = server.client.connection.sendRequest('postfix/explainLog', { path: big, workDoneToken: 'big-1' }, source.token);
    await assert.rejects(answer, (e: { code?: number }) => e.code === -32800);
    progress.dispose();
    assert.equal(seen[0].kind, 'begin');
    assert.equal((seen[0] as WorkDoneProgressBegin).title, 'Postfix: explaining the log');
    assert.ok(seen.some((v) => v.kind === 'report' && /^[\d,]+ lines$/.test(v.message ?? '')), JSON.stringify(seen.slice(0, 3)));
    const last = seen[seen.length - 1] as WorkDoneProgressReport;
    assert.ok((last.percentage ?? 100) < 100, `stopped early, at ${last.percentage}%`);
    // The server goes on answering.
    const small = await explain({ text: LOG });
    assert.ok('report' in small);
  });

  it('goes from a queue ID in an open log to its other lines', async () => {
    const uri = fileUri(path.join(tmp, 'mail.log'));
    await server.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-log', version: 1, text: LOG } });
    const lines = LOG.split('\n');
    const line = lines.findIndex((l) => l.includes('status=sent'));
    const id = /: ([0-9A-F]+): to=/.exec(lines[line])![1];
    const character = lines[line].indexOf(id) + 2;
    const found = await server.client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    const expected = lines.map((l, i) => (l.includes(id) && i !== line ? i : -1)).filter((i) => i >= 0);
    assert.ok(expected.length >= 3, 'pickup, qmgr, smtp, removed');
    assert.deepEqual(found.map((l) => l.range.start.line), expected);
    assert.ok(found.every((l) => l.uri === uri && lines[l.range.start.line].slice(l.range.start.character, l.range.end.character) === id));
    const none = await server.client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line, character: 2 } });
    assert.deepEqual(none, []);
  });
});
