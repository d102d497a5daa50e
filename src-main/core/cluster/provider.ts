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

export interface ClusterStatus {
  state: ClusterState;
  detail: string;
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
}

export interface ClusterProvider {
  readonly kind: 'kind' | 'existing';
  preflight(): Promise<PreflightCheck[]>;
  status(): Promise<ClusterStatus>;
  /** Creates the cluster or reuses the one there, and returns how to reach it. */
  ensure(onProgress?: (p: ClusterProgress) => void): Promise<ClusterConnection>;
  delete(onProgress?: (p: ClusterProgress) => void): Promise<void>;
  lastFailure(): ClusterFailure | undefined;
}
