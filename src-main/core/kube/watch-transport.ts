// SPDX-License-Identifier: Apache-2.0
// The two API calls a ResourceWatch makes, list and watch, behind an interface the unit tests fake.
import { AppError } from '../util/errors';
import { KubeApiError, type KubeApi, type WatchEventHandler } from './kube-api';

export type { WatchEventHandler } from './kube-api';

export interface ListResult<T> {
  resourceVersion: string;
  items: T[];
}

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

export interface KubeWatchTransportOptions {
  /** how long a watch may take to answer with its headers before it counts as failed */
  openTimeoutMs?: number;
}

export function kubeWatchTransport(kube: KubeApi, options: KubeWatchTransportOptions = {}): WatchTransport {
  const openTimeoutMs = options.openTimeoutMs ?? 30_000;
  return {
    async list<T>(path: string) {
      // No resourceVersion: a consistent read of the current state, never a stale cache.
      const list = await kube.request<{ metadata: { resourceVersion: string }; items: T[] }>('GET', path);
      return { resourceVersion: list.metadata.resourceVersion, items: list.items };
    },
    async watch(path, resourceVersion, onEvent, done) {
      let finished = false;
      const finish = (err: unknown) => {
        if (finished) return;
        finished = true;
        done(err);
      };
      const opening = kube.watch(path, resourceVersion, (type, object) => finished || onEvent(type, object), finish);
      // client-node waits for the answer's headers without a deadline: a server that accepts the
      // connection and never answers would hold the watch (and start()) forever.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), openTimeoutMs)));
      const controller = await Promise.race([opening, timedOut]);
      clearTimeout(timer);
      if (controller) return { stop: () => controller.abort() };
      finish(new AppError('WATCH_OFFLINE', `GET ${path}?watch: no answer within ${openTimeoutMs / 1000} s`));
      const abortLate = () => void opening.then((late) => late.abort()).catch(() => {});
      abortLate();
      return { stop: abortLate };
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
