// SPDX-License-Identifier: Apache-2.0
// `docker save` of several images lists them in manifest.json in Go map order, which changes from
// one save to the next: the same images would give another pack hash every build. This copies the
// archive entry by entry, byte for byte, except its top-level JSON index (manifest.json, or OCI's
// index.json), whose list it sorts. docker load does not care about that order.
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ByteReader } from './byte-reader';
import { BLOCK, padding, parseHeader, setSize } from './tar-format';

const INDEXES = new Set(['manifest.json', 'index.json']);
const MAX_INDEX_BYTES = 16 * 1024 ** 2;

export async function normalizeDockerArchive(src: string, dst: string): Promise<void> {
  const reader = new ByteReader(createReadStream(src)[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  const out = createWriteStream(dst, { flags: 'wx' });
  const write = async (b: Buffer) => {
    if (!out.write(b)) await new Promise<void>((r) => out.once('drain', r));
  };
  try {
    for (;;) {
      const block = await reader.read(BLOCK);
      if (block.length < BLOCK) throw new Error(`${src} ends inside a tar header`);
      const h = parseHeader(block);
      if (!h) {
        await write(block);
        for await (const rest of reader.chunks(Number.MAX_SAFE_INTEGER)) await write(rest);
        break;
      }
      const bodyBytes = h.size + padding(h.size);
      if (h.type === 'file' && INDEXES.has(h.path) && h.size <= MAX_INDEX_BYTES) {
        const body = await reader.read(bodyBytes);
        const sorted = Buffer.from(JSON.stringify(sortIndex(JSON.parse(body.subarray(0, h.size).toString('utf8')) as unknown)));
        await write(setSize(block, sorted.length));
        await write(sorted);
        await write(Buffer.alloc(padding(sorted.length)));
        continue;
      }
      await write(block);
      let got = 0;
      for await (const c of reader.chunks(bodyBytes)) {
        got += c.length;
        await write(c);
      }
      if (got < bodyBytes) throw new Error(`${src} ends inside ${h.path}`);
    }
  } finally {
    out.end();
    await finished(out);
  }
}

/** manifest.json is an array of images; index.json an object whose `manifests` is one. */
function sortIndex(doc: unknown): unknown {
  const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  if (Array.isArray(doc)) return [...doc].sort(byJson);
  if (doc && typeof doc === 'object' && Array.isArray((doc as { manifests?: unknown }).manifests)) {
    return { ...doc, manifests: [...(doc as { manifests: unknown[] }).manifests].sort(byJson) };
  }
  return doc;
}
