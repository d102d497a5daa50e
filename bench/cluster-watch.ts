// SPDX-License-Identifier: Apache-2.0
// The cluster's side of a run, seen from outside the engine: when the controller-manager made a run
// namespace's default ServiceAccount (which the engine polls for), and when the namespace was
// finally gone (which the engine does not wait for). Two cluster-wide watches, stamped on arrival.
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../src-main/core/kube/namespaces';

export interface ClusterWatch {
  serviceAccountAddedAt: Map<string, number>;
  namespaceGoneAt: Map<string, number>;
  /** the namespace controller's first report on a deleted namespace (its conditions), and whether it said content remains */
  namespaceFirstPass: Map<string, { at: number; contentRemaining: boolean }>;
  /** resolves when the namespace is gone, or after `timeoutMs` */
  gone(namespace: string, timeoutMs: number): Promise<void>;
  stop(): void;
}

/** The watches' own requests, to leave out of the engine's API trace. */
export const isClusterWatchCall = (path: string) => /^\/api\/v1\/(serviceaccounts|namespaces)\?/.test(path) && path.includes('watch=true');

export async function startClusterWatch(kubeconfigFile: string): Promise<ClusterWatch> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigFile);
  const watch = new Watch(kc);
  const serviceAccountAddedAt = new Map<string, number>();
  const namespaceGoneAt = new Map<string, number>();
  const namespaceFirstPass = new Map<string, { at: number; contentRemaining: boolean }>();
  const waiting = new Map<string, () => void>();
  type Meta = { metadata?: { name?: string; namespace?: string }; status?: { conditions?: Array<{ type: string; status: string }> } };
  let stopped = false;
  const streams: AbortController[] = [];
  // resourceVersion 0: served from the watch cache as it is. Without one the API server wants its
  // cache to reach etcd's newest revision first, which on this cluster can time out (504 "Too large
  // resource version") while nothing of that kind changes; arrival times are the same either way.
  const open = async (path: string, query: Record<string, string>, onEvent: (type: string, o: Meta) => void): Promise<void> => {
    const again = () => void (stopped || setTimeout(() => void open(path, query, onEvent).catch(again), 1000));
    streams.push(await watch.watch(path, { ...query, resourceVersion: '0' }, (type, o: Meta) => type !== 'ERROR' && onEvent(type, o), again));
  };
  await Promise.all([
    open('/api/v1/serviceaccounts', { fieldSelector: 'metadata.name=default' }, (type, sa) => {
      const ns = sa.metadata?.namespace;
      if (type === 'ADDED' && ns?.startsWith('podlab-') && !serviceAccountAddedAt.has(ns)) serviceAccountAddedAt.set(ns, Date.now());
    }),
    open('/api/v1/namespaces', { labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}` }, (type, ns) => {
      const name = ns.metadata?.name;
      if (!name) return;
      const conditions = ns.status?.conditions ?? [];
      if (type === 'MODIFIED' && conditions.length && !namespaceFirstPass.has(name)) {
        namespaceFirstPass.set(name, { at: Date.now(), contentRemaining: conditions.some((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True') });
      }
      if (type !== 'DELETED') return;
      namespaceGoneAt.set(name, Date.now());
      waiting.get(name)?.();
    }),
  ]);
  return {
    serviceAccountAddedAt,
    namespaceGoneAt,
    namespaceFirstPass,
    gone: (namespace, timeoutMs) =>
      namespaceGoneAt.has(namespace)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            waiting.set(namespace, () => {
              clearTimeout(timer);
              resolve();
            });
          }),
    stop: () => {
      stopped = true;
      streams.forEach((a) => a.abort());
    },
  };
}
