// SPDX-License-Identifier: Apache-2.0
// UTF-8 decoding chunk by chunk that stops at the first byte that is not UTF-8 (instead of
// quietly turning it into U+FFFD), keeping the text before it so the error can name its place.
import { isUtf8 } from 'node:buffer';

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

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0; // never a lead byte
}

/** Index of the first byte that starts no valid character (overlong forms, surrogates and > U+10FFFF included); length when a character is only cut short. */
function firstInvalidByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const need = sequenceLength(lead);
    if (need === 0) return i;
    if (need === 1) {
      i++;
      continue;
    }
    if (i + need > bytes.length) return bytes.length;
    if (!isUtf8(bytes.subarray(i, i + need))) return i;
    i += need;
  }
  return bytes.length;
}
