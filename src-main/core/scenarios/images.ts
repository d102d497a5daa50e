// SPDX-License-Identifier: Apache-2.0
// Every image a set of manifests runs, found by reading them: the containers, init containers and
// ephemeral containers of every pod spec, wherever it sits (a Pod, a Deployment's or a Job's template…).
import { parseAllDocuments } from 'yaml';
import { normalizeImageRef } from '../cluster/image-ref';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

export function imagesInManifest(text: string): string[] {
  const found = new Set<string>();
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) continue; // the loader reports broken YAML with its line; here it only has no images
    collect(doc.toJS() as unknown, found);
  }
  return [...found];
}

/** The images of many manifests (and of podlab's own helpers), normalized and sorted, each once. */
export function imagesInManifests(manifests: Iterable<string>, extra: readonly string[] = []): string[] {
  const all = new Set(extra.map(normalizeImageRef));
  for (const m of manifests) for (const i of imagesInManifest(m)) all.add(i);
  return [...all].sort();
}

function collect(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (CONTAINER_LISTS.includes(key) && Array.isArray(value)) {
      for (const c of value) {
        const image = (c as { image?: unknown } | null)?.image;
        if (typeof image === 'string' && image.trim()) found.add(normalizeImageRef(image.trim()));
      }
    }
    collect(value, found);
  }
}
