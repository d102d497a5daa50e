// SPDX-License-Identifier: Apache-2.0
// Small lab packs for the reader's tests: a valid one, and the raw pieces to make every kind of bad one.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { gzipHeader, gzipTrailer } from '../../../src-main/core/pack/pack-gzip';
import { KIND_ENTRY, MANIFEST_ENTRY, NODE_IMAGE_ENTRY, PACK_FORMAT, PACK_FORMAT_VERSION, WORKLOAD_IMAGES_ENTRY, type PackManifest } from '../../../src-main/core/pack/pack-manifest';
import { BLOCK, fileHeader, padding } from '../../../src-main/core/pack/tar-format';

export interface RawEntry {
  path: string;
  body: Buffer;
  /** a tar type flag other than '0' (a regular file) */
  flag?: string;
  linkName?: string;
  /** the size the header claims, when it should differ from the body's */
  claimedSize?: number;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ID = (c: string) => `sha256:${c.repeat(64)}`;

export const FILES: Record<string, Buffer> = {
  [KIND_ENTRY]: Buffer.from('#!/bin/sh\necho kind v0.30.0 go1.24 linux/amd64\n'),
  [NODE_IMAGE_ENTRY]: Buffer.alloc(3000, 7),
  [WORKLOAD_IMAGES_ENTRY]: Buffer.from('workloads'.repeat(100)),
  'scenarios/demo/scenario.yaml': Buffer.from('apiVersion: podlab.dev/v1alpha1\n'),
  'scenarios/demo/pod.yaml': Buffer.from('kind: Pod\n'),
};

export function manifestFor(files: Record<string, Buffer>, over: Record<string, unknown> = {}): PackManifest {
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    podlabVersion: '0.1.0',
    platform: 'linux/amd64',
    kubernetesVersion: 'v1.34.4',
    kind: { version: 'v0.30.0', entry: KIND_ENTRY },
    nodeImage: { ref: 'kindest/node:v1.34.4-podlab', id: ID('a'), entry: NODE_IMAGE_ENTRY },
    workloadImages: { entry: WORKLOAD_IMAGES_ENTRY, images: [{ ref: 'docker.io/library/busybox:1.36', id: ID('b') }] },
    scenarios: [{ id: 'demo', files: ['scenario.yaml', 'pod.yaml'] }],
    entries: Object.entries(files).map(([path, body]) => ({ path, size: body.length, sha256: sha(body) })),
    ...over,
  } as PackManifest;
}

export function header(e: RawEntry): Buffer {
  const h = fileHeader(e.path, e.claimedSize ?? e.body.length, 0o644);
  if (e.flag !== undefined) h.write(e.flag, 156, 1, 'latin1');
  if (e.linkName) h.write(e.linkName, 157, 100, 'utf8');
  h.write('        ', 148, 8, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(7, '0') + '\0', 148, 8, 'latin1');
  return h;
}

/** The uncompressed archive: the manifest first, then each entry. */
export function tarOf(entries: RawEntry[], end = true): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) parts.push(header(e), e.body, Buffer.alloc(padding(e.body.length)));
  if (end) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

export function manifestEntry(m: unknown): RawEntry {
  return { path: MANIFEST_ENTRY, body: Buffer.from(JSON.stringify(m)) };
}

export function validEntries(files = FILES, over: Record<string, unknown> = {}): RawEntry[] {
  return [manifestEntry(manifestFor(files, over)), ...Object.entries(files).map(([path, body]) => ({ path, body }))];
}

/** Framed as `pack build` writes it: the gzip header with the sha256 of the rest, deflate, trailer. */
export function packBytes(entries: RawEntry[], end = true): Buffer {
  return frame(tarOf(entries, end));
}

export function frame(tar: Buffer): Buffer {
  const body = Buffer.concat([deflateRawSync(tar, { level: 6 }), gzipTrailer(crc32(tar), tar.length)]);
  return Buffer.concat([gzipHeader(sha(body)), body]);
}

export function writePack(file: string, bytes: Buffer): string {
  writeFileSync(file, bytes);
  return file;
}
