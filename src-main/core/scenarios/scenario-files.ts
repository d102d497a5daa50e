// SPDX-License-Identifier: Apache-2.0
// Reading a lesson's own files: only regular files inside its folder, of bounded size, in UTF-8.
// An audit read /etc/passwd through a symlinked manifest, hung `validate` on a FIFO, and had
// /dev/zero eat 750 MB before "not found".
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { fileKind } from '../util/file-kind';
import { firstInvalidByte } from '../util/utf8';
import { YAML_LIMITS } from './yaml-limits';

export class ScenarioFileError extends Error {
  constructor(readonly missing: boolean, message: string) {
    super(message);
    this.name = 'ScenarioFileError';
  }
}

/** Reads `name` from the lesson folder `dir`, refusing what is not a plain text file of the lesson's own. */
export async function readScenarioFile(dir: string, name: string, maxBytes: number = YAML_LIMITS.bytes): Promise<string> {
  const path = join(dir, name);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new ScenarioFileError(true, `${name} not found`);
  }
  const folder = await realpath(dir);
  const rel = relative(folder, real);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new ScenarioFileError(false, `${name} is a link to ${real}, outside the lesson's folder`);
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever, before fstat could refuse it.
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch((e: NodeJS.ErrnoException) => {
    throw new ScenarioFileError(e.code === 'ENOENT', `${name} cannot be opened (${e.code ?? e.message})`);
  });
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new ScenarioFileError(false, `${name} is not a regular file (${fileKind(st)})`);
    if (st.size > maxBytes) throw new ScenarioFileError(false, `${name} is ${st.size} bytes; podlab reads lesson files of at most ${maxBytes} bytes (${maxBytes / 1024} KiB)`);
    const buf = Buffer.alloc(st.size);
    const { bytesRead } = await handle.read(buf, 0, st.size, 0);
    return decodeUtf8(name, buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(name: string, bytes: Buffer): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const at = firstInvalidByte(bytes);
    throw new ScenarioFileError(false, `${name} is not UTF-8 text (an invalid byte at offset ${at})`);
  }
}
