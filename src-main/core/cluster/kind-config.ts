// SPDX-License-Identifier: Apache-2.0
// The kind cluster config podlab generates: one node, the pinned image, a fixed API port on loopback.

/** kind v0.30.0's default node image, pinned by digest so every learner runs the same kubelet. */
export const KIND_NODE_IMAGE =
  'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';
export const KIND_CLUSTER_NAME = 'podlab';
export const KIND_API_PORT = 16443;
export const KIND_MIN_VERSION = '0.30.0';

export function kindConfigYaml(opts: { name?: string; apiPort?: number; image?: string } = {}): string {
  return [
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    `name: ${opts.name ?? KIND_CLUSTER_NAME}`,
    'networking:',
    '  apiServerAddress: 127.0.0.1',
    `  apiServerPort: ${opts.apiPort ?? KIND_API_PORT}`,
    'nodes:',
    '  - role: control-plane',
    `    image: ${opts.image ?? KIND_NODE_IMAGE}`,
    '',
  ].join('\n');
}

/** "kind v0.30.0 go1.24.6 linux/amd64" → "0.30.0" */
export function parseKindVersion(output: string): string | undefined {
  return /\bv?(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** Lines of `kind get clusters`; "No kind clusters found." goes to stderr. */
export function parseKindClusters(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
