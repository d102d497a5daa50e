// SPDX-License-Identifier: Apache-2.0
// Where UTF-8 goes wrong, byte by byte: for messages that say at which byte a file stops being text.
import { isUtf8 } from 'node:buffer';

/** How many bytes the character a lead byte starts takes; 0 when the byte can start none. */
export function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0; // never a lead byte
}

/** Index of the first byte that starts no valid character (overlong forms, surrogates and > U+10FFFF included); length when a character is only cut short. */
export function firstInvalidByte(bytes: Buffer): number {
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
