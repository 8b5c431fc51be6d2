/**
 * A JSON-RPC message reader for stdio that survives a broken client. The stock reader
 * trusts every Content-Length: one wrong length (or a burst of binary) and every later
 * header is read from the middle of a message, so the server goes deaf for good. This
 * reader checks each frame (a numeric, sane Content-Length; a body that is JSON) and, when
 * one is bad, skips to the next "Content-Length:" header instead, so at most the messages
 * caught up in the damage are lost.
 */
import { AbstractMessageReader, DataCallback, Disposable, Message, MessageReader } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const LENGTH_HEADER = [Buffer.from('Content-Length:', 'ascii'), Buffer.from('content-length:', 'ascii')];
/** Headers longer than this are not headers: drop them (but keep a possible partial marker). */
const MAX_HEADER_BYTES = 64 * 1024;
/** A larger body is not a message this server could use; treat the header as garbage. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;
/**
 * A body still incomplete after this long, while another header has arrived behind its
 * start, had a Content-Length that was too large: a real client writes a message at once.
 */
const STALLED_BODY_MS = 2000;
/** Bodies from this size are parsed after their bytes are let go (see readOne). */
const LARGE_BODY = 1024 * 1024;
/** A store larger than this is replaced by a small one when what it still holds is small. */
const SMALL_STORE = 1024 * 1024;

export class ResyncingMessageReader extends AbstractMessageReader implements MessageReader {
  /**
   * Bytes received and not yet read, as `store[0, used)`. A large body is copied in as its
   * chunks arrive, into room made once for the whole frame: held once, not as chunks plus
   * their concatenation (51 MB twice for a 1,000,000-line table opened in the editor).
   */
  private store = Buffer.alloc(0);
  private used = 0;
  /** Bytes the frame being read needs in all, once its header is known. */
  private need = 0;
  private stallTimer: NodeJS.Timeout | undefined;
  private callback: DataCallback | undefined;
  /** A large body read and waiting to be parsed; nothing after it is read until it is. */
  private parked: { body: string; bytes: number } | undefined;

  /**
   * `beforeParse`, when given, is called with a body's length after its bytes are let go and
   * before its text is parsed: the host may collect garbage there (see stdio.ts).
   */
  constructor(private readonly input: NodeJS.ReadableStream, private readonly beforeParse?: (length: number) => void) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string): void => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.callback = undefined;
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onClose);
      this.input.off('close', onClose);
    });
  }

  /** What is buffered: a view, valid until the next append or consume. */
  private get buffer(): Buffer {
    return this.store.subarray(0, this.used);
  }

  private onData(chunk: Buffer): void {
    const size = this.used + chunk.length;
    if (size > this.store.length) {
      // Room for the frame being waited for at once; else grow by half, as arrays do.
      const room = Math.max(size, this.need, Math.floor(this.store.length * 1.5), 4096);
      const grown = Buffer.allocUnsafe(room);
      this.store.copy(grown, 0, 0, this.used);
      this.store = grown;
    }
    chunk.copy(this.store, this.used);
    this.used = size;
    if (this.used < this.need) return;
    this.need = 0;
    this.drain();
  }

  /** Drops the first `n` buffered bytes; a large store is let go once it holds little. */
  private consume(n: number): void {
    const rest = this.used - n;
    if (this.store.length > SMALL_STORE && rest < SMALL_STORE) {
      const kept = Buffer.allocUnsafe(Math.max(rest, 4096));
      this.store.copy(kept, 0, n, this.used);
      this.store = kept;
    } else {
      this.store.copy(this.store, 0, n, this.used);
    }
    this.used = rest;
  }

  /** Parses the large body readOne set aside, delivers it, and reads on. */
  private parseParked(): void {
    const parked = this.parked;
    this.parked = undefined;
    if (!parked) return;
    this.beforeParse?.(parked.body.length);
    let message: unknown;
    try {
      message = JSON.parse(parked.body);
    } catch {
      this.fireError(new Error(`postfix-language-server: skipped ${parked.bytes} bytes of input (a body that is not JSON).`));
    }
    if (message !== undefined) this.callback?.(message as Message);
    this.drain();
  }

  private drain(): void {
    if (this.parked) return;
    clearTimeout(this.stallTimer);
    while (this.readOne()) {
      // Keep reading while whole messages (or skippable garbage) are buffered.
    }
    if (this.need > 0) this.stallTimer = setTimeout(() => this.onStall(), STALLED_BODY_MS).unref();
  }

  /** The body being waited for is not coming: if another message is behind it, skip to that. */
  private onStall(): void {
    if (nextHeader(this.buffer, 1) < 0) return;
    this.need = 0;
    this.resync(1, 'a Content-Length larger than the message');
    this.drain();
  }

  /** Reads or skips one frame; false when more data is needed. */
  private readOne(): boolean {
    const headerEnd = this.buffer.indexOf(HEADER_END);
    if (headerEnd < 0) {
      if (this.buffer.length > MAX_HEADER_BYTES) this.resync(1, 'a header without an end');
      return false;
    }
    const length = contentLength(this.buffer.subarray(0, headerEnd).toString('ascii'));
    if (length === undefined) return this.resync(1, 'a malformed header');
    const bodyStart = headerEnd + HEADER_END.length;
    if (this.buffer.length < bodyStart + length) {
      this.need = bodyStart + length;
      return false;
    }
    const body = this.buffer.subarray(bodyStart, bodyStart + length).toString('utf8');
    if (length >= LARGE_BODY && body.charCodeAt(0) === 123 /* { */) {
      // A large body's bytes are let go before its text is parsed (the text, and what
      // JSON.parse makes of it, are as large again): parsed on the next turn, when nothing
      // on this stack still holds them. If it is not JSON after all, it is skipped whole.
      this.consume(bodyStart + length);
      this.parked = { body, bytes: bodyStart + length };
      setImmediate(() => this.parseParked());
      return false;
    }
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      // Most likely a wrong Content-Length: the next header may start inside this "body".
      return this.resync(1, 'a body that is not JSON');
    }
    this.consume(bodyStart + length);
    this.callback?.(message as Message);
    return true;
  }

  /**
   * Drops bytes up to the next "Content-Length:" at or after `from`, and reports why.
   * Returns true when the buffer may hold another frame to read.
   */
  private resync(from: number, why: string): boolean {
    const next = nextHeader(this.buffer, from);
    this.fireError(new Error(`postfix-language-server: skipped ${next < 0 ? this.buffer.length : next} bytes of input (${why}).`));
    if (next < 0) {
      // Keep a tail that may be the start of a header split across reads.
      this.consume(Math.max(0, this.used - LENGTH_HEADER[0].length));
      return false;
    }
    this.consume(next);
    return true;
  }
}

/** The Content-Length of a header block, when it is well formed and sane. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name !== 'content-length') continue;
    if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_BODY_BYTES) return undefined;
    length = Number(value);
  }
  return length;
}

function nextHeader(buffer: Buffer, from: number): number {
  const found = LENGTH_HEADER.map((marker) => buffer.indexOf(marker, from)).filter((i) => i >= 0);
  return found.length ? Math.min(...found) : -1;
}
