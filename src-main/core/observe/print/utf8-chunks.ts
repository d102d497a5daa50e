// SPDX-License-Identifier: Apache-2.0
// UTF-8 decoding chunk by chunk that stops at the first byte that is not UTF-8 (instead of
// quietly turning it into U+FFFD), keeping the text before it so the error can name its place.
import { isUtf8 } from 'node:buffer';
import { firstInvalidByte, sequenceLength } from '../../util/utf8';

export class Utf8Error extends Error {
  constructor(
    /** the text decoded before the bad byte, not yet handed out */
    readonly textBefore: string,
    readonly byte: number,
    readonly truncated: boolean,
  ) {
    super(truncated ? 'the input ends inside a UTF-8 character' : `not UTF-8 text (byte 0x${byte.toString(16).padStart(2, '0')})`);
  }
}

export class Utf8Chunks {
  private carry: Buffer | undefined;

  decode(chunk: Buffer): string {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(bytes);
    const whole = bytes.subarray(0, cut);
    if (!isUtf8(whole)) {
      const bad = firstInvalidByte(whole);
      throw new Utf8Error(bytes.toString('utf8', 0, bad), bytes[bad]!, false);
    }
    this.carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined;
    return whole.toString('utf8');
  }

  end(): void {
    if (!this.carry) return;
    // Bytes that can never complete a character are reported as bad, an unfinished one as truncated.
    const bad = firstInvalidByte(this.carry);
    throw new Utf8Error('', this.carry[bad < this.carry.length ? bad : 0]!, bad >= this.carry.length);
  }
}

/** The length of `bytes` without a character that the next chunk would complete. */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) !== 0x80) {
      const need = sequenceLength(b);
      return need > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}
