// SPDX-License-Identifier: Apache-2.0
// The kind cluster config podlab generates: one node, the chosen image, a fixed API port on loopback,
// and containerd reading per-registry hosts.toml files (how mirrors reach the node).

/** kind v0.30.0's default node image, pinned by digest so every connected learner runs the same kubelet. */
export const KIND_NODE_IMAGE =
  'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';
export const KIND_CLUSTER_NAME = 'podlab';
export const KIND_API_PORT = 16443;
export const KIND_MIN_VERSION = '0.30.0';
/** where the node's containerd looks for hosts.toml files, one folder per registry */
export const CERTS_D = '/etc/containerd/certs.d';

export interface KindConfigOptions {
  name?: string;
  apiPort?: number;
  image?: string;
}

export function kindConfigYaml(opts: KindConfigOptions = {}): string {
  return [
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    `name: ${opts.name ?? KIND_CLUSTER_NAME}`,
    'networking:',
    '  apiServerAddress: 127.0.0.1',
    `  apiServerPort: ${opts.apiPort ?? KIND_API_PORT}`,
    // kind's documented way to give a cluster registry mirrors: containerd reads hosts.toml files
    // from config_path at every pull, so podlab can (re)write them without restarting anything.
    'containerdConfigPatches:',
    '  - |-',
    '    [plugins."io.containerd.grpc.v1.cri".registry]',
    `      config_path = "${CERTS_D}"`,
    'nodes:',
    '  - role: control-plane',
    `    image: ${opts.image ?? KIND_NODE_IMAGE}`,
    '',
  ].join('\n');
}

/** The upstream a registry host stands for: Docker Hub's API lives at registry-1.docker.io. */
export function registryUpstream(registry: string): string {
  return registry === 'docker.io' ? 'https://registry-1.docker.io' : `https://${registry}`;
}

/** what every hosts.toml podlab writes starts with, so it can tell its own files from the node image's */
export const PODLAB_MARKER = '# written by podlab';

/** containerd's hosts.toml: try `host` first, then `server`; its first line says podlab wrote it, and why. */
function hostsTomlText(why: string, server: string, host: string): string {
  return [`${PODLAB_MARKER}: ${why}`, `server = "${server}"`, '', `[host."${host}"]`, '  capabilities = ["pull", "resolve"]', ''].join('\n');
}

/** containerd's hosts.toml for one registry: try the mirror first, then the registry itself. */
export function hostsToml(registry: string, mirror: string): string {
  return hostsTomlText('the registry mirror from its settings', registryUpstream(registry), mirror);
}

/** A local port nothing listens on: a pull sent there is refused at once, with no DNS lookup. */
export const CLOSED_REGISTRY = 'http://127.0.0.1:9';

/**
 * containerd's fallback for every registry without a folder of its own: the closed port, so the
 * node never reaches a registry at run time and a lesson behaves the same online and offline (a
 * pull of an image that is not on the node fails in about a second). A registry mirror set in the
 * settings gets its own folder and so still works.
 */
export function closedDefaultHostsToml(): string {
  return hostsTomlText('no registry at run time', CLOSED_REGISTRY, CLOSED_REGISTRY);
}

/** "kind v0.30.0 go1.24.6 linux/amd64" → "0.30.0" */
export function parseKindVersion(output: string): string | undefined {
  return /\bv?(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
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
