/**
 * Watches a server's stdout byte for byte and checks that it carries nothing but LSP
 * frames: "Content-Length: N" headers, then N bytes of a JSON-RPC 2.0 object. A stray
 * console.log or a debug print would corrupt the channel; this records the first such
 * violation with the bytes around it.
 */
import type { Readable } from 'node:stream';

export class StdoutMonitor {
  private buffer = Buffer.alloc(0);
  /**
   * Chunks not yet joined to `buffer`, and how many bytes the frame being read needs: a
   * 45 MB answer arrives in thousands of chunks, and joining each one to all before it
   * took minutes (quadratic copying).
   */
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private need = 0;
  readonly violations: string[] = [];
  frames = 0;

  constructor(stdout: Readable) {
    stdout.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    if (this.violations.length) return;
    this.parts.push(chunk);
    this.partsBytes += chunk.length;
    if (this.buffer.length + this.partsBytes < this.need) return;
    this.buffer = Buffer.concat([this.buffer, ...this.parts]);
    this.parts = [];
    this.partsBytes = 0;
    this.need = 0;
    this.read();
  }

  private read(): void {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        const head = this.buffer.toString('latin1', 0, 40);
        const marker = 'Content-Length: ';
        // Not all of the header has arrived: it must at least start right and stay short.
        const ok = marker.startsWith(head.slice(0, marker.length)) && this.buffer.length < 1024;
        if (!ok) this.fail('bytes that do not start a header');
        return;
      }
      const header = this.buffer.toString('latin1', 0, end);
      const m = /^Content-Length: (\d+)(\r\nContent-Type: [^\r\n]+)?$/.exec(header);
      if (!m) return this.fail(`a malformed header ${JSON.stringify(header.slice(0, 80))}`);
      const length = Number(m[1]);
      if (this.buffer.length < end + 4 + length) {
        this.need = end + 4 + length;
        return;
      }
      const body = this.buffer.toString('utf8', end + 4, end + 4 + length);
      this.buffer = this.buffer.subarray(end + 4 + length);
      try {
        const message = JSON.parse(body) as { jsonrpc?: string };
        if (message.jsonrpc !== '2.0') return this.fail(`a message without jsonrpc 2.0: ${body.slice(0, 80)}`);
      } catch {
        return this.fail(`a body that is not JSON: ${body.slice(0, 80)}`);
      }
      this.frames++;
    }
  }

  private fail(what: string): void {
    this.violations.push(`stdout carried ${what}: ${JSON.stringify(this.buffer.toString('utf8', 0, 120))}`);
  }
}
