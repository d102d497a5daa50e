// SPDX-License-Identifier: Apache-2.0
// Every image a set of manifests runs, found by reading them: the containers, init containers and
// ephemeral containers of every pod spec, wherever it sits (a Pod, a Deployment's or a Job's template…).
import type { ScenarioDocument } from '@contract/scenario';
import { parseAllDocuments } from 'yaml';
import { normalizeImageRef, parseImageRef } from '../cluster/image-ref';
import { TRAFFIC_IMAGE } from '../kube/traffic';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** One container's image (normalized) and the pull policy the API server gives it. */
export interface ContainerImage {
  image: string;
  pullPolicy: PullPolicy;
}

export function containerImages(text: string): ContainerImage[] {
  const found: ContainerImage[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) continue; // the loader reports broken YAML with its line; here it only has no images
    let value: unknown;
    try {
      value = doc.toJS();
    } catch {
      continue; // an alias bomb: the loader reports it with its line
    }
    collect(value, found);
  }
  return found;
}

export function imagesInManifest(text: string): string[] {
  return [...new Set(containerImages(text).map((c) => c.image))];
}

/** The images of many manifests (and of podlab's own helpers), normalized and sorted, each once. */
export function imagesInManifests(manifests: Iterable<string>, extra: readonly string[] = []): string[] {
  const all = new Set(extra.map(normalizeImageRef));
  for (const m of manifests) for (const i of imagesInManifest(m)) all.add(i);
  return [...all].sort();
}

/** The images a lesson declares absent (spec.images.absent), normalized. */
export function absentImages(scenario: { doc: ScenarioDocument }): Set<string> {
  return new Set((scenario.doc.spec.images?.absent ?? []).map(normalizeImageRef));
}

/**
 * The images one lesson runs and so needs on the node: every image its manifests name, and
 * podlab's traffic client where a step sends traffic, minus the ones it declares absent;
 * normalized, sorted. What a lab pack carries for the lesson, and what a run checks is on the node.
 */
export function lessonImagesToLoad(scenario: { doc: ScenarioDocument; manifests: Record<string, string> }): string[] {
  const traffic = scenario.doc.spec.steps.some((s) => 'traffic' in s);
  const absent = absentImages(scenario);
  return imagesInManifests(Object.values(scenario.manifests), traffic ? [TRAFFIC_IMAGE] : []).filter((i) => !absent.has(i));
}

/**
 * Every image a set of lessons needs on the node, and podlab's traffic client (always: a What-if
 * edit may add traffic), each once, sorted: what `cluster up` loads and what a lab pack carries.
 */
export function imagesToLoad(scenarios: ReadonlyArray<{ doc: ScenarioDocument; manifests: Record<string, string> }>): string[] {
  return imagesInManifests([], [TRAFFIC_IMAGE, ...scenarios.flatMap(lessonImagesToLoad)]);
}

/** The API server's default: Always for `:latest` or no tag (unless pinned by digest), else IfNotPresent. */
export function defaultPullPolicy(ref: string): PullPolicy {
  const r = parseImageRef(ref);
  return r.tag === 'latest' || (!r.tag && !r.digest) ? 'Always' : 'IfNotPresent';
}

function collect(node: unknown, found: ContainerImage[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (CONTAINER_LISTS.includes(key) && Array.isArray(value)) {
      for (const c of value) {
        const { image, imagePullPolicy } = (c ?? {}) as { image?: unknown; imagePullPolicy?: unknown };
        if (typeof image !== 'string' || !image.trim()) continue;
        const policy = imagePullPolicy === 'Always' || imagePullPolicy === 'IfNotPresent' || imagePullPolicy === 'Never' ? imagePullPolicy : defaultPullPolicy(image.trim());
        found.push({ image: normalizeImageRef(image.trim()), pullPolicy: policy });
      }
    }
    collect(value, found);
  }
}
