/**
 * Protocol abuse over stdio against the real server: malformed frames, unknown methods,
 * invalid params, requests for unknown and closed documents, a storm of 1,000 changes,
 * out-of-order versions and cancelled requests. The server must stay up, keep answering,
 * write nothing but LSP to stdout, and publish the newest version's diagnostics last.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol/node';
import { Published, TestClient } from '../helpers/lspClient';
import { StdoutMonitor } from '../helpers/stdoutMonitor';

const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);
}

/** Sends probes until one is answered; returns how many were lost before that (or -1). */
async function probesLost(client: TestClient, tries = 12): Promise<number> {
  for (let i = 0; i < tries; i++) {
    const answer = await withTimeout(client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:/probe/main.cf' } }), 600);
    if (answer !== 'timeout') return i;
  }
  return -1;
}

/** No single case may hang the run: a deaf server fails it instead. */
const BOUNDED = { timeout: 60_000 };

describe('protocol abuse over stdio', () => {
  let client: TestClient;
  let stdout: StdoutMonitor;
  before(async () => {
    client = new TestClient();
    stdout = new StdoutMonitor(client.process.stdout);
    await client.initialize();
  });
  after(async () => {
    assert.deepEqual(stdout.violations, [], 'stdout carries only LSP');
    assert.equal(client.process.exitCode, null, 'the server is still running');
    await client.shutdown();
  });

  const garbage: [string, string | Buffer, number][] = [
    // [what, bytes, how many following messages may be lost]
    ['a body that is not JSON', frame('{"jsonrpc":"2.0","id":'), 0],
    ['JSON that is not a message', frame('[1,2,3]') + frame('null') + frame('"x"'), 0],
    ['a Content-Length too short', 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":77,"method":"shutdown"}', 0],
    ['a Content-Length too long', 'Content-Length: 300\r\n\r\n{"jsonrpc":"2.0","method":"x"}', 3],
    ['a header without Content-Length', 'Content-Type: x\r\n\r\n', 0],
    ['a header line without a colon', 'garbage\r\n\r\n', 0],
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n', 0],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n', 0],
    ['binary bytes', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)), 0],
  ];
  for (const [what, bytes, mayLose] of garbage) {
    it(`keeps answering after ${what}`, BOUNDED, async () => {
      client.process.stdin.write(bytes);
      const lost = await probesLost(client);
      assert.ok(lost >= 0, 'the server answers again');
      assert.ok(lost <= mayLose, `${lost} messages lost, at most ${mayLose} expected`);
    });
  }

  it('answers an unknown request with MethodNotFound and ignores an unknown notification', BOUNDED, async () => {
    await client.connection.sendNotification('postfix/noSuchNotification', { x: 1 });
    await assert.rejects(client.request('postfix/noSuchMethod', {}), (e: ResponseError<unknown>) => e.code === -32601);
    assert.equal(await probesLost(client), 0);
  });

  it('answers requests with invalid params instead of failing', BOUNDED, async () => {
    const uri = 'untitled:/invalid/main.cf';
    await client.open(uri, 'myhostname = x\n');
    const bad: [string, unknown][] = [
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: 5, position: { line: 0, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 'a', character: {} } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -5, character: 1e12 } }],
      ['textDocument/completion', { textDocument: { uri } }],
      ['textDocument/definition', { textDocument: { uri: null }, position: null }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: null }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: 1, end: 2 }, context: { diagnostics: [{ code: 'unknown-parameter', source: 'postfix', range: null, data: 7 }] } }],
      ['textDocument/documentSymbol', {}],
      ['textDocument/codeLens', []],
      ['postfix/summary', 'text'],
    ];
    for (const [method, params] of bad) {
      const answer = await withTimeout(client.request(method, params).catch((e: ResponseError<unknown>) => `error ${e.code}`), 2000);
      assert.notEqual(answer, 'timeout', `${method} ${JSON.stringify(params)} was answered`);
    }
    for (const body of [
      { method: 'textDocument/didOpen', params: { textDocument: { uri: 5, languageId: null, version: 'v', text: 7 } } },
      { method: 'textDocument/didOpen', params: null },
      { method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: null } },
      { method: 'textDocument/didChange', params: { textDocument: { uri, version: 3 }, contentChanges: [{ text: 5 }] } },
      { method: 'textDocument/didChange', params: { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: 'x' }, text: '' }] } },
      { method: 'textDocument/didClose', params: { textDocument: null } },
      { method: 'workspace/didChangeConfiguration', params: { settings: { postfix: { version: 42, diagnostics: 'all' } } } },
      { method: 'workspace/didChangeWatchedFiles', params: null },
    ]) {
      client.process.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', ...body })));
    }
    // The document is intact and still checked: a real change is published as usual.
    const p = await client.change(uri, 'myhostnme = x\n');
    assert.ok(p.diagnostics.some((d) => d.code === 'unknown-parameter' && String(d.message).includes('"myhostnme"')));
  });

  it('answers requests for unknown and closed documents with empty results', BOUNDED, async () => {
    const never = { textDocument: { uri: 'file:///never/opened/main.cf' }, position: { line: 0, character: 0 } };
    assert.equal(await client.request('textDocument/hover', never), null);
    assert.deepEqual(await client.request('textDocument/completion', never), []);
    const uri = 'untitled:/closed/main.cf';
    await client.open(uri, 'bogus_x = 1\n');
    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.close(uri);
    await cleared;
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });

  it('after a storm of 1,000 changes, publishes the newest version last and nothing stale after it', BOUNDED, async () => {
    const uri = 'untitled:/storm/main.cf';
    await client.open(uri, 'myhostname = x\n');
    const seen: Published[] = [];
    const from = client.published.length;
    const last = client.nextDiagnostics(uri, (p) => p.version === 1001, 60_000);
    for (let v = 2; v <= 1001; v++) {
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v }, contentChanges: [{ text: `storm_${v} = 1\n` }],
      });
    }
    const final = await last;
    const mentions = (p: Published, name: string): boolean => p.diagnostics.some((d) => String(d.message).includes(`"${name}"`));
    assert.ok(mentions(final, 'storm_1001'));
    await probesLost(client); // a round trip, so anything published after the last check has arrived
    seen.push(...client.published.slice(from).filter((p) => p.uri === uri));
    const versions = seen.map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only go up');
    assert.equal(versions.at(-1), 1001);
    for (const p of seen) assert.ok(mentions(p, `storm_${p.version}`), `the publication for version ${p.version} is about that version's text`);
  });

  it('drops changes that arrive out of order: the newest version wins', BOUNDED, async () => {
    const uri = 'untitled:/order/main.cf';
    await client.open(uri, 'myhostname = x\n');
    const from = client.published.length;
    const send = (version: number, text: string) =>
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    await send(5, 'version_five = 1\n');
    await send(3, 'version_three = 1\n');
    await send(4, 'version_four = 1\n');
    await send(5, 'version_five_again = 1\n');
    await probesLost(client);
    const mine = client.published.slice(from).filter((p) => p.uri === uri);
    assert.ok(mine.length > 0);
    for (const p of mine) {
      assert.equal(p.version, 5);
      assert.ok(p.diagnostics.some((d) => String(d.message).includes('"version_five"')));
      assert.ok(!p.diagnostics.some((d) => /version_(three|four|five_again)/.test(String(d.message))));
    }
  });

  it('answers cancelled requests quickly, as cancelled or with a result', BOUNDED, async () => {
    const uri = 'untitled:/cancel/main.cf';
    const big = Array.from({ length: 30_000 }, (_, i) => `p${i} = $q${i}`).join('\n');
    await client.open(uri, 'x = 1\n');
    // A change that takes the server a while to check, then requests queued behind it.
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: big }] });
    const outcomes = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const source = new CancellationTokenSource();
      const answer = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: i, character: 1 } }, source.token);
      source.cancel();
      const started = Date.now();
      const outcome = await withTimeout(answer.then(() => 'answered', (e: ResponseError<unknown>) => (e.code === -32800 ? 'cancelled' : `error ${e.code}`)), 20_000);
      return { outcome, ms: Date.now() - started };
    }));
    for (const { outcome } of outcomes) assert.ok(outcome === 'answered' || outcome === 'cancelled', outcome);
    assert.ok(outcomes.some((o) => o.outcome === 'cancelled'), `some were cancelled: ${JSON.stringify(outcomes)}`);
  });
});
