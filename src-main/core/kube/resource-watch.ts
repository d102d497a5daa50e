// SPDX-License-Identifier: Apache-2.0
// List-then-watch one resource collection; a dropped watch resumes from the last resourceVersion,
// and re-lists (emitting what changed meanwhile) when that version has expired (410 Gone).
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { errorMessage } from '../util/errors';
import type { Logger } from '../util/log';
import { noopLogger } from '../util/log';
import type { KubeRest } from './kube-client';

export interface WatchedObject {
  metadata: { uid: string; name: string; resourceVersion?: string };
}

export interface ResourceWatchHandlers<T> {
  upsert(obj: T): void;
  remove(obj: T): void;
  state(state: 'online' | 'offline', reason?: string): void;
}

export class ResourceWatch<T extends WatchedObject> {
  private readonly known = new Map<string, T>();
  private resourceVersion = '';
  private abort: AbortController | undefined;
  private stopped = false;
  private retryMs = 250;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly rest: KubeRest,
    private readonly path: string,
    private readonly handlers: ResourceWatchHandlers<T>,
    private readonly log: Logger = noopLogger,
  ) {}

  async start(): Promise<void> {
    await this.relist();
    await this.watch();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort?.abort();
  }

  /** For tests of reconnection: drop the connection as a network failure would. */
  dropConnection(): void {
    this.abort?.abort();
  }

  private async relist(): Promise<void> {
    const list = await this.rest.request<{ metadata: { resourceVersion: string }; items: T[] }>('GET', this.path);
    const seen = new Set<string>();
    for (const item of list.items) {
      seen.add(item.metadata.uid);
      this.offer(item);
    }
    for (const [uid, obj] of this.known) {
      if (!seen.has(uid)) {
        this.known.delete(uid);
        this.handlers.remove(obj);
      }
    }
    this.resourceVersion = list.metadata.resourceVersion;
  }

  private offer(obj: T): void {
    const prev = this.known.get(obj.metadata.uid);
    if (prev && prev.metadata.resourceVersion === obj.metadata.resourceVersion) return; // already seen
    this.known.set(obj.metadata.uid, obj);
    this.handlers.upsert(obj);
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    let expired = false;
    try {
      this.abort = await new Watch(this.kc).watch(
        this.path,
        { resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
        (type, obj: T & { code?: number }) => {
          if (type === 'ERROR') {
            if (obj.code === 410) expired = true;
            return;
          }
          if (obj?.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
          if (type === 'BOOKMARK') return;
          if (type === 'DELETED') {
            this.known.delete(obj.metadata.uid);
            this.handlers.remove(obj);
          } else {
            this.offer(obj);
          }
          this.retryMs = 250;
        },
        (err: unknown) => {
          if (this.stopped) return;
          const reason = err ? errorMessage(err) : expired ? 'resourceVersion expired' : 'watch closed by the server';
          if (err || expired) this.handlers.state('offline', reason);
          // After an error the version we hold may be gone too (a restarted API server answers
          // 410 as an HTTP status or as an event): relist, which emits only what changed.
          this.reconnect(expired || !!err, reason);
        },
      );
      this.handlers.state('online');
    } catch (e) {
      this.handlers.state('offline', errorMessage(e));
      this.reconnect(true, errorMessage(e));
    }
  }

  private reconnect(relist: boolean, reason: string): void {
    if (this.stopped) return;
    this.log.debug(`watch ${this.path} reconnecting in ${this.retryMs} ms: ${reason}`);
    this.timer = setTimeout(async () => {
      try {
        if (relist) await this.relist();
        await this.watch();
      } catch (e) {
        this.handlers.state('offline', errorMessage(e));
        this.reconnect(relist, errorMessage(e));
      }
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }
}
