// SPDX-License-Identifier: Apache-2.0
// ClusterProvider: where runs happen — a kind cluster podlab manages, or a cluster the user brings.

export interface ClusterConnection {
  provider: 'kind' | 'existing';
  name: string;
  kubeconfigPath: string;
  context?: string;
}

export interface PreflightCheck {
  id: string;
  ok: boolean;
  message: string;
  /** what the user can do about a failure */
  fix?: string;
}

export type ClusterState = 'absent' | 'running' | 'stopped' | 'unreachable';

/** What podlab found out about the cluster, each fact only where it could be read. */
export interface ClusterFacts {
  nodeImage?: string;
  /** the ID of the image the node runs: a tag can move to a newer build */
  nodeImageId?: string;
  kubernetesVersion?: string;
  nodeReady?: boolean;
  /** the API server answered /version */
  apiHealthy?: boolean;
}

export interface ClusterStatus {
  state: ClusterState;
  detail: string;
  facts?: ClusterFacts;
}

export interface ClusterProgress {
  step: string;
  /** 0..1 where known */
  fraction?: number;
}

/** The failing command and its output, kept so the UI can show it. */
export interface ClusterFailure {
  at: string;
  message: string;
  argv?: string[];
  output?: string;
  /** where `kind export logs` put the node's logs after a failed create */
  logsDir?: string;
}

/** What loading the lessons' images into the node did. */
export interface ImageLoadReport {
  /** already in the node */
  present: string[];
  loaded: string[];
  /** neither in the node nor in the local Docker: the kubelet will have to pull them */
  missing: string[];
}

/** The images on one node, normalized (docker.io/library/nginx:1.27.5). */
export interface NodeImageList {
  node: string;
  images: ReadonlySet<string>;
  /** false where the list may be cut short: the kubelet reports at most 50 images a node by default */
  complete: boolean;
}

export interface ClusterProvider {
  readonly kind: 'kind' | 'existing';
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
