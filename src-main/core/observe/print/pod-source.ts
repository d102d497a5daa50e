// SPDX-License-Identifier: Apache-2.0
// The bytes of a print-pod input file, in chunks: only a regular file, opened without blocking
// (a FIFO must not hang the open), refused up front when it is larger than the limit.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../util/errors';
import { fileKind } from '../../util/file-kind';

// Large enough that the awaits between reads cost little, small enough to stay out of the way.
const CHUNK_BYTES = 1 << 18;

export async function* fileChunks(file: string, maxBytes: number): AsyncGenerator<Buffer> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new AppError('POD_INPUT_UNREADABLE', `${file}: ${describeOpenError(e)}`, { cause: e });
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new AppError('POD_INPUT_UNREADABLE', `${file}: is a directory, expected a file of Pods`);
    if (!stat.isFile()) throw new AppError('POD_INPUT_UNREADABLE', `${file}: not a regular file (${fileKind(stat)}); give a file, or - to read standard input`);
    if (stat.size > maxBytes) throw new AppError('POD_INPUT_INVALID', `${file}: ${stat.size.toLocaleString('en')} bytes, larger than the ${maxBytes / 2 ** 30} GiB print-pod reads`);
    yield* chunksOf(handle);
  } finally {
    await handle.close();
  }
}

/**
 * A file's bytes in CHUNK_BYTES reads into one buffer: the reader decodes each chunk into a string
 * and copies the few bytes of a character cut at its end before the next read.
 */
async function* chunksOf(handle: FileHandle): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/**
 * Standard input in the same large chunks. /dev/stdin is opened anew, which on Linux gives a pipe
 * or file a blocking file description of its own (fd 0 itself may have been made non-blocking,
 * and process.stdin's 64 KiB chunks cost ~70 MB more on a 64 MB List); a socket cannot be opened
 * that way, and is read through process.stdin.
 */
export async function* stdinChunks(): AsyncGenerator<Buffer> {
  let handle;
  try {
    handle = await open('/dev/stdin', constants.O_RDONLY);
  } catch {
    for await (const chunk of process.stdin) yield chunk as Buffer;
    return;
  }
  try {
    yield* chunksOf(handle);
  } finally {
    await handle.close();
  }
}

function describeOpenError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return (e as Error).message;
}

