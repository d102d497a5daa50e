// SPDX-License-Identifier: Apache-2.0
// The two API calls a ResourceWatch makes, list and watch, behind an interface the unit tests fake.
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, type KubeRest } from './kube-client';

export interface ListResult<T> {
  resourceVersion: string;
  items: T[];
}

/** ADDED | MODIFIED | DELETED | BOOKMARK | ERROR, with the object (a Status for ERROR). */
export type WatchEventHandler = (type: string, object: unknown) => void;

export interface WatchStream {
  /** Closes the connection; the stream's done callback still runs (with an AbortError). */
  stop(): void;
}

export interface WatchTransport {
  list<T>(path: string): Promise<ListResult<T>>;
  /**
   * Opens a watch from `resourceVersion`. `done` runs exactly once: with null when the server
   * ended the stream, with the error otherwise (a non-200 answer carries `statusCode`).
   */
  watch(path: string, resourceVersion: string, onEvent: WatchEventHandler, done: (err: unknown) => void): Promise<WatchStream>;
}

export function kubeWatchTransport(kc: KubeConfig, rest: KubeRest): WatchTransport {
  return {
    async list<T>(path: string) {
      // No resourceVersion: a consistent read of the current state, never a stale cache.
      const list = await rest.request<{ metadata: { resourceVersion: string }; items: T[] }>('GET', path);
      return { resourceVersion: list.metadata.resourceVersion, items: list.items };
    },
    async watch(path, resourceVersion, onEvent, done) {
      // Bookmarks move our resourceVersion forward while nothing in the namespace changes, so a
      // resume after a quiet spell still starts inside the server's watch window.
      const controller = await new Watch(kc).watch(path, { resourceVersion, allowWatchBookmarks: true }, (type: string, object: unknown) => onEvent(type, object), done);
      return { stop: () => controller.abort() };
    },
  };
}

/**
 * The server no longer has the history from our resourceVersion. kube-apiserver says so as an
 * ERROR event carrying a Status {code: 410, reason: "Expired"} on a 200 stream (the watch cache's
 * "too old resource version", etcd's compaction), and some servers answer HTTP 410 instead.
 */
export function isExpired(errorOrStatus: unknown): boolean {
  if (errorOrStatus instanceof KubeApiError) return errorOrStatus.status === 410;
  if (!errorOrStatus || typeof errorOrStatus !== 'object') return false;
  const o = errorOrStatus as { statusCode?: unknown; code?: unknown; reason?: unknown };
  return o.statusCode === 410 || o.code === 410 || o.reason === 'Expired' || o.reason === 'Gone';
}
