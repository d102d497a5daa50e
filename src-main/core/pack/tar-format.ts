// SPDX-License-Identifier: Apache-2.0
// The ustar header a lab pack is made of (POSIX.1-1988): only what podlab writes, read back strictly.

export const BLOCK = 512;
/** The largest size an octal ustar size field holds (8 GiB − 1). */
export const USTAR_MAX_SIZE = 0o77777777777;

export type TarEntryType = 'file' | 'directory' | 'hard link' | 'symbolic link' | 'character device' | 'block device' | 'fifo' | 'extended header' | 'unknown';

export interface TarHeader {
  path: string;
  size: number;
  mode: number;
  type: TarEntryType;
  /** the raw type flag, for messages */
  flag: string;
  linkName: string;
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '1': 'hard link',
  '2': 'symbolic link',
  '3': 'character device',
  '4': 'block device',
  '5': 'directory',
  '6': 'fifo',
  x: 'extended header',
  g: 'extended header',
  L: 'extended header',
  K: 'extended header',
};

/** A header for a regular file: owner 0:0, mtime 0, so the same content always gives the same bytes. */
export function fileHeader(path: string, size: number, mode: number): Buffer {
  if (size > USTAR_MAX_SIZE) throw new Error(`${path} is ${size} bytes; a pack entry holds at most 8 GiB`);
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(path);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0);
  h.write('        ', 148, 8, 'latin1');
  h.write('0', 156, 1, 'latin1');
  h.write('ustar\u000000', 257, 8, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  octal(h, 148, 7, checksum(h));
  return h;
}

export class TarFormatError extends Error {}

/** Parses one header block; undefined for an all-zero block (the end of the archive). */
export function parseHeader(block: Buffer): TarHeader | undefined {
  if (block.every((b) => b === 0)) return undefined;
  const stored = readOctal(block, 148, 8);
  if (stored === undefined || stored !== checksum(block)) throw new TarFormatError('a tar header is damaged (its checksum does not match)');
  if (block.toString('latin1', 257, 262) !== 'ustar') throw new TarFormatError('a tar header is not in ustar format');
  const size = readOctal(block, 124, 12);
  const mode = readOctal(block, 100, 8);
  if (size === undefined || mode === undefined) throw new TarFormatError('a tar header has an unreadable size or mode');
  const name = cString(block, 0, 100);
  const prefix = cString(block, 345, 155);
  const flag = block.toString('latin1', 156, 157);
  return { path: prefix ? `${prefix}/${name}` : name, size, mode, type: TYPES[flag] ?? 'unknown', flag, linkName: cString(block, 157, 100) };
}

/** The same header with another size (and so another checksum). */
export function setSize(header: Buffer, size: number): Buffer {
  const h = Buffer.from(header);
  octal(h, 124, 12, size);
  h.write('        ', 148, 8, 'latin1');
  octal(h, 148, 7, checksum(h));
  return h;
}

/** Zero bytes that fill an entry's body up to the next block. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const cut = path.lastIndexOf('/', 155);
  const prefix = path.slice(0, cut);
  const name = path.slice(cut + 1);
  if (cut <= 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(name) > 100) throw new Error(`${path} is too long for a pack entry`);
  return { name, prefix };
}

function octal(h: Buffer, offset: number, width: number, value: number): void {
  h.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'latin1');
}

function readOctal(h: Buffer, offset: number, width: number): number | undefined {
  const text = h.toString('latin1', offset, offset + width).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  return /^[0-7]{1,12}$/.test(text) ? parseInt(text, 8) : undefined;
}

function cString(h: Buffer, offset: number, width: number): string {
  const end = h.indexOf(0, offset);
  return h.toString('utf8', offset, end === -1 || end > offset + width ? offset + width : end);
}

function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum;
}
