/**
 * Reading a Postfix log file as a stream of text, for postfix-lint --explain-log and the
 * language server's postfix/explainLog: gzip-compressed files (rotated logs) are told by
 * their magic bytes and decompressed on the fly; the file is never held whole. Progress
 * counts the bytes read from disk; a reader can be stopped between chunks.
 */
import * as buffer from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Why a read stopped early: the caller cancelled it. */
export class ReadCancelled extends Error {}

export interface ReadOptions {
  /** Bytes read from the file so far, and its size. */
  progress?: (read: number, size: number) => void;
  /** Asked between chunks; true stops the read with ReadCancelled. */
  cancelled?: () => boolean;
}

/** Streams a file's text into `write`, gunzipping when it starts with gzip's magic bytes. */
export async function readLogFile(file: string, write: (text: string) => void, options: ReadOptions = {}): Promise<void> {
  const size = statSync(file).size;
  const gzip = await startsWithGzipMagic(file);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let read = 0;
  raw.on('data', (chunk) => {
    read += chunk.length;
    options.progress?.(read, size);
  });
  const source: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  const decode = textOf(new StringDecoder('utf8'));
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error): void => {
      raw.destroy();
      source.destroy();
      reject(e);
    };
    raw.on('error', fail);
    source.on('error', fail);
    source.on('data', (chunk: Buffer) => {
      if (options.cancelled?.()) return fail(new ReadCancelled('cancelled'));
      write(decode(chunk));
    });
    source.on('end', () => {
      write(decode(undefined));
      resolve();
    });
  });
}

/**
 * Bytes to text. A mail log is nearly always ASCII, where Latin-1 decoding gives the same
 * text at a fraction of UTF-8 decoding's cost (a third of the time of a 1 GB read); a chunk
 * with any other byte goes through the UTF-8 decoder, which also keeps a character split
 * between chunks whole. `undefined` ends the stream.
 */
function textOf(utf8: StringDecoder): (chunk: Buffer | undefined) => string {
  const isAscii = (buffer as { isAscii?: (b: Buffer) => boolean }).isAscii;
  let pending = false;
  return (chunk) => {
    if (!chunk) return utf8.end();
    if (isAscii && isAscii(chunk)) {
      // A character cut at the end of the last chunk cannot go on in ASCII: end it.
      const head = pending ? utf8.end() : '';
      pending = false;
      return head + chunk.toString('latin1');
    }
    pending = true;
    return utf8.write(chunk);
  };
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file, { start: 0, end: 1 }).on('data', (c) => chunks.push(c as Buffer)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}
