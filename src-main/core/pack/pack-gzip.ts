// SPDX-License-Identifier: Apache-2.0
// The lab pack's gzip framing. A plain gzip stream is standard (`tar tzf pack.tgz` lists it), but
// its CRC only covers the uncompressed bytes: some flipped bits in the deflate data decompress to
// the same output and go unnoticed. So the header carries, in its FEXTRA field (which gzip readers
// skip), the sha256 of every byte that follows it: a pack with any byte changed is refused.
import { createHash } from 'node:crypto';

/** ID1 ID2 CM=deflate FLG=FEXTRA MTIME=0 XFL=0 OS=unix, XLEN=68, subfield "Pk" of 64 bytes. */
export const GZIP_PREFIX = Buffer.from('1f8b08040000000000034400506b4000', 'hex');
export const GZIP_HEADER_BYTES = GZIP_PREFIX.length + 64;

export function gzipHeader(sha256Hex: string): Buffer {
  return Buffer.concat([GZIP_PREFIX, Buffer.from(sha256Hex, 'latin1')]);
}

/** The sha256 the header claims for the rest of the file, or undefined when this is not a pack's header. */
export function claimedSha256(header: Buffer): string | undefined {
  if (header.length < GZIP_HEADER_BYTES || !header.subarray(0, GZIP_PREFIX.length).equals(GZIP_PREFIX)) return undefined;
  const hex = header.toString('latin1', GZIP_PREFIX.length, GZIP_HEADER_BYTES);
  return /^[a-f0-9]{64}$/.test(hex) ? hex : undefined;
}

/** The gzip member's trailer: CRC32 and length (mod 2^32) of the uncompressed data. */
export function gzipTrailer(crc: number, length: number): Buffer {
  const t = Buffer.alloc(8);
  t.writeUInt32LE(crc >>> 0, 0);
  t.writeUInt32LE(length % 2 ** 32, 4);
  return t;
}

export const newBodyHash = () => createHash('sha256');
