// SPDX-License-Identifier: Apache-2.0
// Reads exact byte counts from a stream of chunks: what a tar parser needs, without buffering an entry.

export class ByteReader {
  private pending: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Exactly n bytes, or fewer when the stream ends first. */
  async read(n: number): Promise<Buffer> {
    while (this.pending.length < n && (await this.fill()));
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(out.length);
    return out;
  }

  /** n bytes in chunks as they arrive; stops early (the caller sees the shortfall) when the stream ends. */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (!this.pending.length && !(await this.fill())) return;
      const out = this.pending.subarray(0, left);
      this.pending = this.pending.subarray(out.length);
      left -= out.length;
      yield out;
    }
  }

  /** Whether every byte left in the stream is zero (tar pads its end with zero blocks). */
  async restIsZero(): Promise<boolean> {
    for (;;) {
      if (this.pending.some((b) => b !== 0)) return false;
      this.pending = Buffer.alloc(0);
      if (!(await this.fill())) return true;
    }
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, next.value]) : next.value;
    return true;
  }
}
