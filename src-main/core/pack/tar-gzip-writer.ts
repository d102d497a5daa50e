// SPDX-License-Identifier: Apache-2.0
// Writes a lab pack: ustar entries streamed from files or buffers through raw deflate into one
// gzip file (framed by pack-gzip.ts), with backpressure (an image archive is never held in memory).
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { gzipHeader, gzipTrailer, GZIP_HEADER_BYTES, newBodyHash } from './pack-gzip';
import { BLOCK, fileHeader, padding } from './tar-format';

export type EntrySource = { buffer: Buffer } | { file: string; size: number };

export class TarGzipWriter {
  private readonly deflate: DeflateRaw;
  private readonly bodyHash = newBodyHash();
  private crc = 0;
  private inputBytes = 0;
  private written: Promise<void> = Promise.resolve();
  private writeError: Error | undefined;
  compressedBytes = GZIP_HEADER_BYTES;

  private constructor(
    private readonly file: string,
    private readonly fh: FileHandle,
  ) {
    // Level 6, no name, no mtime: the same entries always give the same file.
    this.deflate = createDeflateRaw({ level: 6 });
    this.deflate.on('data', (c: Buffer) => this.emit(c));
  }

  static async create(file: string): Promise<TarGzipWriter> {
    const fh = await open(file, 'wx');
    await fh.write(Buffer.alloc(GZIP_HEADER_BYTES), 0, GZIP_HEADER_BYTES, 0);
    return new TarGzipWriter(file, fh);
  }

  async add(path: string, source: EntrySource, mode = 0o644, onBytes?: (n: number) => void): Promise<void> {
    const size = 'buffer' in source ? source.buffer.length : source.size;
    await this.write(fileHeader(path, size, mode));
    if ('buffer' in source) {
      await this.write(source.buffer);
      onBytes?.(size);
    } else {
      let got = 0;
      for await (const chunk of createReadStream(source.file)) {
        got += (chunk as Buffer).length;
        await this.write(chunk as Buffer);
        onBytes?.((chunk as Buffer).length);
      }
      if (got !== size) throw new Error(`${source.file} changed while it was being packed (${got} bytes, expected ${size})`);
    }
    const pad = padding(size);
    if (pad) await this.write(Buffer.alloc(pad));
  }

  /** Ends the archive (two zero blocks), the deflate stream and the gzip member; writes the header's sha256. Returns the file's sha256. */
  async finish(): Promise<string> {
    await this.write(Buffer.alloc(2 * BLOCK));
    await new Promise<void>((resolve, reject) => {
      this.deflate.once('end', resolve);
      this.deflate.once('error', reject);
      this.deflate.end();
    });
    this.emit(gzipTrailer(this.crc, this.inputBytes));
    await this.written;
    if (this.writeError) throw this.writeError;
    const header = gzipHeader(this.bodyHash.digest('hex'));
    await this.fh.write(header, 0, header.length, 0);
    await this.fh.close();
    const whole = newBodyHash();
    for await (const c of createReadStream(this.file)) whole.update(c as Buffer);
    return whole.digest('hex');
  }

  async abort(): Promise<void> {
    this.deflate.destroy();
    await this.fh.close().catch(() => {});
  }

  private emit(c: Buffer): void {
    this.bodyHash.update(c);
    const at = this.compressedBytes;
    this.compressedBytes += c.length;
    this.written = this.written.then(async () => {
      if (!this.writeError) await this.fh.write(c, 0, c.length, at).catch((e: Error) => (this.writeError = e));
    });
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.writeError) throw this.writeError;
    this.crc = crc32(chunk, this.crc);
    this.inputBytes += chunk.length;
    if (!this.deflate.write(chunk)) await new Promise<void>((r) => this.deflate.once('drain', r));
    // Keep the file writes from falling far behind the compressor.
    await this.written;
  }
}
