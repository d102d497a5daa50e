// SPDX-License-Identifier: Apache-2.0
// Reads a lab pack once, front to back, trusting nothing: the gzip header podlab writes, every tar
// header, every path, type and size, and every entry's sha256 against the manifest (the first
// entry). With a staging folder the checked entries land there; nothing outside it is touched, so
// a refused pack leaves nothing behind once the caller removes the folder.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ByteReader } from './byte-reader';
import { claimedSha256, GZIP_HEADER_BYTES, newBodyHash } from './pack-gzip';
import { entryLimit, entryPathProblem, MANIFEST_ENTRY, PackError, parsePackManifest, type PackEntry, type PackManifest } from './pack-manifest';
import { BLOCK, padding, parseHeader, TarFormatError, type TarHeader } from './tar-format';


export interface PackProgress {
  step: string;
  /** bytes of the pack file read so far, of bytesTotal */
  bytesDone: number;
  bytesTotal: number;
}

export interface ReadPackOptions {
  /** where checked entries are written (an empty folder the caller owns); without it they are only hashed */
  stageDir?: string;
  onProgress?: (p: PackProgress) => void;
  /** called once the manifest is read, before any other entry: throw to refuse the pack early */
  onManifest?: (m: PackManifest) => void | Promise<void>;
}

export interface ReadPackResult {
  manifest: PackManifest;
  /** sha256 of the whole pack file, as an instructor would publish it */
  fileSha256: string;
  fileBytes: number;
}

export async function readPack(file: string, opts: ReadPackOptions = {}): Promise<ReadPackResult> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new PackError('PACK_UNREADABLE', `${file} is not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof PackError) throw e;
    throw new PackError('PACK_UNREADABLE', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const fileHash = createHash('sha256');
  const bodyHash = newBodyHash();
  let claimed: string | undefined;
  let bytesDone = 0;
  const input = createReadStream(file);
  const gunzip = createGunzip();
  let gzipError: Error | undefined;
  gunzip.on('error', (e) => (gzipError = e));
  let head = Buffer.alloc(0);
  input.on('data', (data: string | Buffer) => {
    const chunk = data as Buffer;
    fileHash.update(chunk);
    const start = bytesDone;
    bytesDone += chunk.length;
    if (start < GZIP_HEADER_BYTES) {
      head = Buffer.concat([head, chunk.subarray(0, GZIP_HEADER_BYTES - start)]);
      if (head.length === GZIP_HEADER_BYTES) {
        claimed = claimedSha256(head);
        if (!claimed) input.destroy(notAPack(file));
      }
    }
    if (bytesDone > GZIP_HEADER_BYTES) bodyHash.update(start >= GZIP_HEADER_BYTES ? chunk : chunk.subarray(GZIP_HEADER_BYTES - start));
  });
  let inputError: Error | undefined;
  input.on('error', (e) => {
    inputError = e;
    gunzip.destroy(e);
  });
  input.pipe(gunzip);

  const reader = new ByteReader(gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  const progress = (step: string) => opts.onProgress?.({ step, bytesDone, bytesTotal: size });
  try {
    const manifest = await readEntries(reader, opts, progress);
    if (!(await reader.restIsZero())) throw new PackError('PACK_INVALID', 'the pack has data after the end of its archive');
    await finished(gunzip).catch(() => {});
    if (gzipError || inputError) throw gzipError ?? inputError;
    if (!claimed) throw notAPack(file);
    if (bodyHash.digest('hex') !== claimed) throw new PackError('PACK_TAMPERED', 'the pack file does not match the checksum in its header: a byte was changed or lost (copy it again)');
    progress('every entry checked');
    return { manifest, fileSha256: fileHash.digest('hex'), fileBytes: size };
  } catch (e) {
    input.destroy();
    gunzip.destroy();
    throw explain(inputError instanceof PackError ? inputError : bytesDone <= GZIP_HEADER_BYTES && !claimed ? notAPack(file) : (gzipError ?? e));
  }
}

async function readEntries(reader: ByteReader, opts: ReadPackOptions, progress: (step: string) => void): Promise<PackManifest> {
  let manifest: PackManifest | undefined;
  let declared = new Map<string, PackEntry>();
  const seen = new Set<string>();
  for (;;) {
    const block = await reader.read(BLOCK);
    if (block.length < BLOCK) throw truncated(manifest ? 'between entries' : 'before its manifest');
    const header = parseHeader(block);
    if (!header) {
      const second = await reader.read(BLOCK);
      if (second.length < BLOCK || second.some((b) => b !== 0)) throw truncated('in its end marker');
      break;
    }
    checkHeader(header);
    if (!manifest) {
      if (header.path !== MANIFEST_ENTRY) throw new PackError('PACK_INVALID', `the pack's first entry is ${header.path}, not ${MANIFEST_ENTRY}`);
      if (header.size > entryLimit(MANIFEST_ENTRY)) throw new PackError('PACK_TOO_LARGE', `${MANIFEST_ENTRY} is ${header.size} bytes, more than podlab accepts`);
      const parts: Buffer[] = [];
      for await (const c of reader.chunks(header.size)) parts.push(Buffer.from(c));
      const text = Buffer.concat(parts);
      if (text.length < header.size) throw truncated(`inside ${MANIFEST_ENTRY}`);
      await skipPadding(reader, header);
      manifest = parsePackManifest(text.toString('utf8'));
      declared = new Map(manifest.entries.map((e) => [e.path, e]));
      await opts.onManifest?.(manifest);
      progress(`manifest: podlab ${manifest.podlabVersion}, Kubernetes ${manifest.kubernetesVersion}, ${manifest.entries.length} entries`);
      continue;
    }
    const want = declared.get(header.path);
    if (!want) throw new PackError('PACK_INVALID', `the pack holds ${header.path}, which its manifest does not list`);
    if (seen.has(header.path)) throw new PackError('PACK_INVALID', `the pack holds ${header.path} twice`);
    if (header.size !== want.size) throw new PackError('PACK_TAMPERED', `${header.path} is ${header.size} bytes; the manifest says ${want.size}`);
    seen.add(header.path);
    progress(`checking ${header.path}`);
    await copyEntry(reader, header, want, opts.stageDir, () => progress(`checking ${header.path}`));
    await skipPadding(reader, header);
  }
  if (!manifest) throw truncated('before its manifest');
  const missing = manifest.entries.filter((e) => !seen.has(e.path)).map((e) => e.path);
  if (missing.length) throw truncated(`before ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`);
  return manifest;
}

/** Only regular files with safe relative paths: no link, device, fifo or extended header can reach the disk. */
function checkHeader(h: TarHeader): void {
  const problem = entryPathProblem(h.path);
  if (h.type !== 'file') {
    const what = h.type === 'unknown' ? `an entry of unknown type ${JSON.stringify(h.flag)}` : `a ${h.type}`;
    const target = h.type === 'symbolic link' || h.type === 'hard link' ? ` to ${h.linkName}` : '';
    throw new PackError('PACK_UNSAFE', `the pack holds ${what}${target} (${h.path}); lab packs hold only regular files`);
  }
  if (problem) throw new PackError('PACK_UNSAFE', `the pack's entry ${JSON.stringify(h.path)} ${problem}`);
  if (h.size > entryLimit(h.path)) throw new PackError('PACK_TOO_LARGE', `${h.path} is ${h.size} bytes, more than the ${entryLimit(h.path)} podlab accepts for it`);
}

async function copyEntry(reader: ByteReader, h: TarHeader, want: PackEntry, stageDir: string | undefined, tick: () => void): Promise<void> {
  const hash = createHash('sha256');
  let out: ReturnType<typeof createWriteStream> | undefined;
  if (stageDir) {
    const target = join(stageDir, h.path);
    await mkdir(dirname(target), { recursive: true });
    out = createWriteStream(target, { flags: 'wx', mode: 0o600 });
  }
  let got = 0;
  try {
    for await (const chunk of reader.chunks(h.size)) {
      hash.update(chunk);
      if (Math.floor((got + chunk.length) / PROGRESS_EVERY) !== Math.floor(got / PROGRESS_EVERY)) tick();
      got += chunk.length;
      if (out && !out.write(chunk)) await new Promise<void>((r) => out!.once('drain', r));
    }
  } finally {
    if (out) {
      out.end();
      await finished(out);
    }
  }
  if (got < h.size) throw truncated(`inside ${h.path}`);
  if (hash.digest('hex') !== want.sha256) throw new PackError('PACK_TAMPERED', `${h.path} does not match its sha256 in the manifest: the pack is damaged or was changed`);
}

async function skipPadding(reader: ByteReader, h: TarHeader): Promise<void> {
  const pad = padding(h.size);
  if (pad && (await reader.read(pad)).length < pad) throw truncated(`after ${h.path}`);
}

/** bytes of an entry between two progress reports */
const PROGRESS_EVERY = 32 * 1024 ** 2;

const notAPack = (file: string) => new PackError('PACK_INVALID', `${file} is not a podlab lab pack (it does not start like one: podlab pack build makes them)`);

const truncated = (where: string) => new PackError('PACK_TRUNCATED', `the pack is truncated: it ends ${where} (copy it again)`);

function explain(e: unknown): Error {
  if (e instanceof PackError) return e;
  if (e instanceof TarFormatError) return new PackError('PACK_INVALID', `the pack is damaged: ${e.message}`);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR') return new PackError('PACK_TRUNCATED', 'the pack is truncated (copy it again)');
  if (code === 'Z_DATA_ERROR') return new PackError('PACK_TAMPERED', `the pack is damaged (${(e as Error).message}): a byte was changed or lost`);
  return new PackError('PACK_UNREADABLE', `reading the pack failed: ${(e as Error).message}`);
}
