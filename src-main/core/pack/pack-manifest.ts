// SPDX-License-Identifier: Apache-2.0
// What a lab pack holds and how it says so: the manifest (the pack's first entry), its format
// version, the rules every entry's path obeys, and the size limits a reader enforces.
import { z } from 'zod';
import { IMAGE_REF } from '../cluster/image-ref';
import { AppError } from '../util/errors';

export const PACK_FORMAT = 'podlab-pack';
/** Bumped when a reader of the old version could misread a new pack. */
export const PACK_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'podlab-pack.json';
export const KIND_ENTRY = 'kind/kind';
export const NODE_IMAGE_ENTRY = 'images/node.tar';
export const WORKLOAD_IMAGES_ENTRY = 'images/workloads.tar';
export const SCENARIOS_PREFIX = 'scenarios/';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** The most a reader accepts, whatever the manifest claims: a pack cannot fill the disk or the heap. */
export const LIMITS = {
  manifestBytes: MiB,
  scenarioFileBytes: MiB,
  kindBytes: 512 * MiB,
  imageArchiveBytes: 8 * GiB,
  totalBytes: 24 * GiB,
  entries: 5000,
} as const;

/** A path inside a pack: relative, `/`-separated, no `.`/`..` segment, a plain file-name alphabet. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

export function entryPathProblem(path: string): string | undefined {
  if (!path) return 'has an empty name';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'has an absolute path';
  if (path.includes('\\')) return 'has a backslash in its path';
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) return 'climbs out of the pack (a .. in its path)';
  if (segments.some((s) => !SEGMENT.test(s))) return 'has a path podlab does not write (empty, ".", or unusual characters)';
  if (path.length > 255) return 'has a path longer than 255 characters';
  return undefined;
}

/** The most bytes an entry at this path may have. */
export function entryLimit(path: string): number {
  if (path === MANIFEST_ENTRY) return LIMITS.manifestBytes;
  if (path === KIND_ENTRY) return LIMITS.kindBytes;
  if (path.startsWith('images/')) return LIMITS.imageArchiveBytes;
  return LIMITS.scenarioFileBytes;
}

const sha256 = z.string().regex(/^[a-f0-9]{64}$/, 'a sha256 in hex');
const imageId = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'an image ID (sha256:…)');
const imageRef = z.string().regex(IMAGE_REF, 'an image reference');
const entryPath = z.string().refine((p) => entryPathProblem(p) === undefined, 'a safe entry path');

const entry = z.strictObject({ path: entryPath, size: z.number().int().min(0), sha256 });

export const packManifestSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  podlabVersion: z.string().min(1).max(50),
  /** the platform the kind binary runs on */
  platform: z.string().regex(/^[a-z0-9]+\/[a-z0-9]+$/),
  kubernetesVersion: z.string().regex(/^v\d+\.\d+\.\d+/),
  kind: z.strictObject({ version: z.string().min(1).max(100), entry: z.literal(KIND_ENTRY) }),
  /** the node image by tag: a digest-pinned ref never matches a loaded image (kind would pull it) */
  nodeImage: z.strictObject({ ref: imageRef.refine((r) => !r.includes('@'), 'a tag, not a digest'), id: imageId, entry: z.literal(NODE_IMAGE_ENTRY) }),
  workloadImages: z.strictObject({ entry: z.literal(WORKLOAD_IMAGES_ENTRY), images: z.array(z.strictObject({ ref: imageRef, id: imageId })).max(500) }),
  scenarios: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9][-a-z0-9]*$/), files: z.array(z.string()).min(1).max(100) })).max(1000),
  entries: z.array(entry).min(3).max(LIMITS.entries),
});

export type PackManifest = z.infer<typeof packManifestSchema>;
export type PackEntry = PackManifest['entries'][number];

/** Reads the manifest's text, saying first whether it is a pack at all and of which version. */
export function parsePackManifest(text: string): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PackError('PACK_INVALID', `${MANIFEST_ENTRY} is not JSON`);
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== PACK_FORMAT) throw new PackError('PACK_INVALID', `${MANIFEST_ENTRY} does not describe a podlab lab pack`);
  if (typeof head.formatVersion === 'number' && head.formatVersion > PACK_FORMAT_VERSION) {
    throw new PackError('PACK_FORMAT_UNSUPPORTED', `this pack is format version ${head.formatVersion}; this podlab reads version ${PACK_FORMAT_VERSION}. Update podlab, or ask for a pack built by this version.`);
  }
  if (head.formatVersion !== PACK_FORMAT_VERSION) throw new PackError('PACK_FORMAT_UNSUPPORTED', `this pack's format version is ${JSON.stringify(head.formatVersion)}; this podlab reads version ${PACK_FORMAT_VERSION}`);
  const parsed = packManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackError('PACK_INVALID', `${MANIFEST_ENTRY}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const m = parsed.data;
  const paths = new Set<string>();
  let total = 0;
  for (const e of m.entries) {
    if (paths.has(e.path)) throw new PackError('PACK_INVALID', `${MANIFEST_ENTRY} lists ${e.path} twice`);
    paths.add(e.path);
    if (e.size > entryLimit(e.path)) throw new PackError('PACK_TOO_LARGE', `${e.path} is ${e.size} bytes, more than the ${entryLimit(e.path)} podlab accepts for it`);
    total += e.size;
  }
  if (total > LIMITS.totalBytes) throw new PackError('PACK_TOO_LARGE', `the pack unpacks to ${total} bytes, more than the ${LIMITS.totalBytes} podlab accepts`);
  for (const needed of [KIND_ENTRY, NODE_IMAGE_ENTRY, WORKLOAD_IMAGES_ENTRY, ...m.scenarios.flatMap((s) => s.files.map((f) => `${SCENARIOS_PREFIX}${s.id}/${f}`))]) {
    if (!paths.has(needed)) throw new PackError('PACK_INVALID', `${MANIFEST_ENTRY} names ${needed} but lists no such entry`);
  }
  if (paths.has(MANIFEST_ENTRY)) throw new PackError('PACK_INVALID', `${MANIFEST_ENTRY} lists itself`);
  return m;
}

/** A refused or broken pack: the message says what is wrong with it, for the person holding it. */
export class PackError extends AppError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'PackError';
  }
}
