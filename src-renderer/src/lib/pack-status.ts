// SPDX-License-Identifier: Apache-2.0
// The installed lab pack's status, reduced to what the Cluster panel says about it.
import type { PackStatusView } from '@contract/dto';

export type ImagesInNode =
  /** the cluster is not running: podlab cannot look inside the node */
  | { kind: 'unknown'; count: number }
  | { kind: 'all'; count: number }
  | { kind: 'missing'; count: number; missing: string[] };

export interface PackStatusSummary {
  sha: string;
  /** when it was installed (ISO 8601) */
  installedAt: string;
  versions: string;
  nodeImage: string;
  /** false: Docker lacks the pack's node image (or has another under its tag) */
  nodeImageInDocker?: boolean;
  images: ImagesInNode;
  lessonCount: number;
  /** the pack's lessons this podlab does not have itself (its own copies win) */
  newLessons: number;
  /** lessons (the pack's or the app's) whose images the node lacks */
  lacking: Array<{ id: string; images: string[] }>;
  /** false: the kind in the data folder is missing or not the pack's build */
  kindOk: boolean;
  problems: string[];
}

/** Nothing for the learner to act on: the section can stay folded. */
export function packHealthy(s: PackStatusSummary | undefined): boolean {
  return !!s && s.images.kind !== 'missing' && s.kindOk && s.nodeImageInDocker !== false && !s.lacking.length && !s.problems.length;
}

export function summarizePackStatus(s: PackStatusView): PackStatusSummary | undefined {
  const p = s.installed;
  if (!p) return undefined;
  const known = s.images.every((i) => i.inNode !== undefined);
  const missing = s.images.filter((i) => i.inNode === false).map((i) => i.ref);
  const images: ImagesInNode = !known ? { kind: 'unknown', count: s.images.length } : missing.length ? { kind: 'missing', count: s.images.length, missing } : { kind: 'all', count: s.images.length };
  return {
    sha: p.fileSha256.slice(0, 12),
    installedAt: p.installedAt,
    versions: `Kubernetes ${p.kubernetesVersion} · kind ${p.kindVersion} · podlab ${p.podlabVersion}`,
    nodeImage: p.nodeImage,
    ...(s.nodeImageInDocker !== undefined ? { nodeImageInDocker: s.nodeImageInDocker } : {}),
    images,
    lessonCount: p.lessons.length,
    newLessons: s.lessons.filter((l) => l.from === 'pack').length,
    lacking: s.lessons.filter((l) => l.missingImages.length).map((l) => ({ id: l.id, images: l.missingImages })),
    kindOk: s.kind.installed && s.kind.matchesPack !== false,
    problems: s.problems,
  };
}
