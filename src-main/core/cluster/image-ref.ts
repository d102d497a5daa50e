// SPDX-License-Identifier: Apache-2.0
// Image references as Docker and containerd spell them: name[:tag][@sha256:digest].

/** A reference podlab accepts: lowercase path components, an optional tag, an optional sha256 digest. */
export const IMAGE_REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export interface ImageRef {
  /** the full name, with the registry and library/ prefix Docker Hub images get */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  const [nameAndTag, digest] = ref.split('@') as [string, string | undefined];
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > slash;
  let name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${name.includes('/') ? name : `library/${name}`}`;
  return { name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The canonical form containerd's image store uses: docker.io/library/nginx:latest. */
export function normalizeImageRef(ref: string): string {
  const r = parseImageRef(ref);
  if (r.digest && !r.tag) return `${r.name}@${r.digest}`;
  return `${r.name}:${r.tag ?? 'latest'}${r.digest ? `@${r.digest}` : ''}`;
}

/** The registry host an image is pulled from ("docker.io", "registry.k8s.io"). */
export function imageRegistry(ref: string): string {
  return parseImageRef(ref).name.split('/')[0]!;
}

/** kindest/node:v1.34.0@sha256:… → v1.34.0 (kind's node images are tagged with the Kubernetes version). */
export function kubernetesVersionOfNodeImage(ref: string): string | undefined {
  const tag = parseImageRef(ref).tag;
  return tag && /^v\d+\.\d+\.\d+/.test(tag) ? /^v\d+\.\d+\.\d+/.exec(tag)![0] : undefined;
}

/** A digest-pinned ref only matches an image that was pulled by that digest: a `docker load`ed copy has none. */
export function isDigestPinned(ref: string): boolean {
  return ref.includes('@sha256:');
}

/** The same ref without its digest: what a locally loaded copy would be tagged. */
export function withoutDigest(ref: string): string {
  return ref.split('@')[0]!;
}
