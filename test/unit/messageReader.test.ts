import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { ResyncingMessageReader } from '../../server/lsp/messageReader';

const frame = (message: object): Buffer => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

/** Writes `bytes` to a reader in pieces cut at the given sizes (cycled), and collects what it reads. */
async function readAll(bytes: Buffer, cuts: number[]): Promise<{ messages: unknown[]; errors: string[] }> {
  const input = new PassThrough();
  const reader = new ResyncingMessageReader(input);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.onError((e) => errors.push(e.message));
  reader.listen((m) => messages.push(m));
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = cuts[k % cuts.length];
    input.write(bytes.subarray(at, at + n));
    at += n;
    await new Promise((r) => setImmediate(r));
  }
  // A large body is parsed a turn after it is read: wait until nothing more arrives for a while.
  for (let quiet = 0, seen = -1; quiet < 5; quiet = messages.length + errors.length === seen ? quiet + 1 : 0) {
    seen = messages.length + errors.length;
    await new Promise((r) => setImmediate(r));
  }
  return { messages, errors };
}

describe('the stdio message reader', () => {
  // A 3 MB text (larger than the store the reader lets go of after use) between small messages.
  const big = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'domain.example relay:[mx.example]\n'.repeat(90_000) } };
  const small = (n: number) => ({ jsonrpc: '2.0', method: 'ping', params: { n, text: 'é\u2028"\\' } });
  const stream = Buffer.concat([frame(small(1)), frame(big), frame(small(2)), frame(small(3)), frame(big), frame(small(4))]);

  for (const cuts of [[stream.length], [1], [7, 65_536, 3], [65_536], [1_000_003, 17]]) {
    it(`reads every message whole and in order, in pieces of ${cuts.join(', ')} bytes`, async () => {
      // One byte at a time would take minutes for 6 MB: only the small frames then.
      const bytes = cuts[0] === 1 ? Buffer.concat([frame(small(1)), frame(small(2))]) : stream;
      const { messages, errors } = await readAll(bytes, cuts);
      const expected = cuts[0] === 1 ? [small(1), small(2)] : [small(1), big, small(2), small(3), big, small(4)];
      assert.deepEqual(errors, []);
      assert.deepEqual(messages, expected);
    });
  }

  it('skips a frame whose body is not JSON and reads the ones after it', async () => {
    const broken = Buffer.from('Content-Length: 5\r\n\r\nxxxxx', 'ascii');
    const { messages, errors } = await readAll(Buffer.concat([frame(big), broken, frame(small(9))]), [40_000]);
    assert.deepEqual(messages, [big, small(9)]);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /not JSON/);
  });

  it('skips a large body that is not JSON whole, and reads on', async () => {
    const junk = Buffer.from(`{${'x'.repeat(2_000_000)}`, 'utf8');
    const broken = Buffer.concat([Buffer.from(`Content-Length: ${junk.length}\r\n\r\n`, 'ascii'), junk]);
    const { messages, errors } = await readAll(Buffer.concat([frame(small(1)), broken, frame(small(2))]), [65_536]);
    assert.deepEqual(messages, [small(1), small(2)]);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /skipped 20000\d\d bytes .*not JSON/);
  });
});
