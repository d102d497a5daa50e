// SPDX-License-Identifier: Apache-2.0
// ClusterProvider: where runs happen — a kind cluster podlab manages, or a cluster the user brings.

// What it reports is what the UI shows, so its types are the contract's (one definition each).
import type { ClusterFacts, ClusterFailure, ClusterProgress, ClusterView, ImageLoadReport, PreflightCheckView } from '@contract/dto';

// Named here too for the core code that speaks of providers (the engine, lab pack import).
export type { ClusterProgress, ImageLoadReport };
export type PreflightCheck = PreflightCheckView;

export interface ClusterConnection {
  provider: ClusterView['provider'];
  name: string;
  kubeconfigPath: string;
  context?: string;
}

export interface ClusterStatus extends Pick<ClusterView, 'state' | 'detail' | 'detailZh'> {
  facts?: ClusterFacts;
}

/** The images on one node, normalized (docker.io/library/nginx:1.27.5). */
export interface NodeImageList {
  node: string;
  images: ReadonlySet<string>;
  /** false where the list may be cut short: the kubelet reports at most 50 images a node by default */
  complete: boolean;
}

export interface ClusterProvider {
  readonly kind: ClusterView['provider'];
  preflight(): Promise<PreflightCheck[]>;
  status(): Promise<ClusterStatus>;
  /** Creates the cluster or reuses the one there, and returns how to reach it. */
  ensure(onProgress?: (p: ClusterProgress) => void): Promise<ClusterConnection>;
  delete(onProgress?: (p: ClusterProgress) => void): Promise<void>;
  lastFailure(): ClusterFailure | undefined;
  /** Brings these images into the cluster's node where the provider can (kind: `kind load`). */
  loadImages?(images: readonly string[], onProgress?: (p: ClusterProgress) => void): Promise<ImageLoadReport>;
  /** The images on the cluster's nodes, which a run checks before it starts; without this method the
   *  kubelet's node.status.images are used (kind can ask the node's containerd: crictl images). */
  nodeImages?(): Promise<NodeImageList[]>;
}
