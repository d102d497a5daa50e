// SPDX-License-Identifier: Apache-2.0
// List-then-watch one resource collection without losing a change. A dropped connection resumes
// from the last resourceVersion seen (the server replays what happened meanwhile); only when that
// version has expired (410 Gone: an ERROR event, or the HTTP status) does it relist and diff the
// list against what it had seen. Re-delivered events are dropped.
//
// An expiry is not an outage: the API server answered, and the watch goes on from the relist.
// It is a gap only when the relist shows something changed, appeared or went meanwhile: then no
// one knows when, nor what came in between. A relist with every object at the resourceVersion we
// had proves nothing we watch changed; all it cannot show is an object created and deleted inside
// the gap, and that is not worth failing a run over (a fresh API server's watch cache answers 410
// to a watch from the list it just served, seconds into a run, with nothing changed).
import { errorMessage } from '../util/errors';
import type { Logger } from '../util/log';
import { noopLogger } from '../util/log';
import { diffRelist } from './relist-diff';
import { isAlreadySeen } from './resource-version';
import { isExpired, type WatchStream, type WatchTransport } from './watch-transport';

export interface WatchedObject {
  metadata: { uid: string; name: string; resourceVersion?: string };
}

/** A stretch the watch could not see: only the relist's end state is known. */
export interface WatchGap {
  /** epoch ms of the last event, bookmark or list the watch had before it lost track */
  since: number;
  sinceResourceVersion: string;
  /** the relist's resourceVersion: from here on every change is seen again */
  resourceVersion: string;
  reason: string;
}

export interface ResourceWatchHandlers<T> {
  upsert(obj: T): void;
  remove(obj: T): void;
  state(state: 'online' | 'offline', reason?: string): void;
  /** Called before the relist's changes are handed to upsert and remove. */
  gap(gap: WatchGap): void;
}

export interface ResourceWatchOptions {
  log?: Logger;
  now?: () => number;
  /** first reconnect delay, doubled on each failure up to maxRetryMs */
  retryMs?: number;
  maxRetryMs?: number;
}

type Reconnect = 'resume' | 'relist';

export class ResourceWatch<T extends WatchedObject> {
  private readonly known = new Map<string, T>();
  /** uids whose deletion was handed on, so a repeated DELETED is not a second one */
  private readonly removed = new Set<string>();
  private resourceVersion = '';
  private progressAt = 0;
  private stream: WatchStream | undefined;
  /** undefined until the first opening succeeds or fails, so either one is reported */
  private online: boolean | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private retryMs: number;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(
    private readonly transport: WatchTransport,
    private readonly path: string,
    private readonly handlers: ResourceWatchHandlers<T>,
    options: ResourceWatchOptions = {},
  ) {
    this.log = options.log ?? noopLogger;
    this.now = options.now ?? Date.now;
    this.firstRetryMs = this.retryMs = options.retryMs ?? 250;
    this.maxRetryMs = options.maxRetryMs ?? 5000;
  }

  async start(): Promise<void> {
    await this.list();
    await this.watch();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stream?.stop();
  }

  /** Lists the collection; after a 410 (`gapReason` set) the list is all we learn of the gap. */
  private async list(gapReason?: string): Promise<void> {
    const list = await this.transport.list<T>(this.path);
    const { changed, gone } = diffRelist(this.known, list.items);
    if (gapReason !== undefined) {
      if (changed.length || gone.length) {
        this.handlers.gap({ since: this.progressAt, sinceResourceVersion: this.resourceVersion, resourceVersion: list.resourceVersion, reason: gapReason });
      } else {
        this.log.info(`watch ${this.path}: relisted after "${gapReason}": nothing changed from ${this.resourceVersion} to ${list.resourceVersion}`);
      }
    }
    for (const obj of gone) this.forget(obj);
    for (const obj of changed) this.offer(obj);
    this.markProgress(list.resourceVersion);
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    let ended = false;
    let expired: string | undefined;
    const onEvent = (type: string, obj: unknown) => {
      if (type === 'ERROR') {
        if (isExpired(obj)) expired = errorMessage(obj) || 'resourceVersion expired';
        return;
      }
      this.onEvent(type, obj as T);
    };
    const done = (err: unknown) => {
      ended = true;
      this.stream = undefined;
      this.onDone(err, expired);
    };
    try {
      const stream = await this.transport.watch(this.path, this.resourceVersion, onEvent, done);
      if (ended) return; // refused before it opened: done() already scheduled the next try
      // stop() came while this opening was under way: it found no stream to stop.
      if (this.stopped) return stream.stop();
      this.stream = stream;
      this.retryMs = this.firstRetryMs;
      this.setOnline(true);
    } catch (e) {
      if (!ended) this.onDone(e, undefined);
    }
  }

  private onEvent(type: string, obj: T): void {
    const rv = obj?.metadata?.resourceVersion;
    if (!rv) return;
    // The stream is in resourceVersion order: anything not newer than our position was delivered
    // before (a resume from an older version, a proxy replaying).
    if (isAlreadySeen(rv, this.resourceVersion)) return;
    this.markProgress(rv);
    if (type === 'BOOKMARK') return;
    if (type === 'DELETED') this.forget(obj);
    else this.offer(obj);
  }

  private onDone(err: unknown, expiredReason: string | undefined): void {
    if (this.stopped) return;
    const expired = expiredReason !== undefined || isExpired(err);
    const reason = expiredReason ?? (err ? errorMessage(err) : 'watch closed by the server');
    // Expired: the server is there, and only a relist that fails makes the watch offline (retry()).
    if (err && !expired) this.setOnline(false, reason);
    this.reconnect(expired ? 'relist' : 'resume', reason);
  }

  private reconnect(how: Reconnect, reason: string): void {
    if (this.stopped) return;
    this.log.debug(`watch ${this.path}: ${how} from ${this.resourceVersion} in ${this.retryMs} ms (${reason})`);
    this.timer = setTimeout(() => void this.retry(how, reason), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs);
  }

  private async retry(how: Reconnect, reason: string): Promise<void> {
    try {
      if (how === 'relist') await this.list(reason);
      await this.watch();
    } catch (e) {
      // Only the list throws here (the API server is still away): try the same again.
      this.setOnline(false, errorMessage(e));
      this.reconnect(how, reason);
    }
  }

  private offer(obj: T): void {
    const before = this.known.get(obj.metadata.uid);
    if (before && before.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.known.set(obj.metadata.uid, obj);
    this.removed.delete(obj.metadata.uid);
    this.handlers.upsert(obj);
  }

  private forget(obj: T): void {
    const uid = obj.metadata.uid;
    if (this.removed.has(uid)) return;
    // A deletion of something never seen still says it existed: record it, then its going.
    if (!this.known.has(uid)) this.handlers.upsert(obj);
    this.known.delete(uid);
    this.removed.add(uid);
    this.handlers.remove(obj);
  }

  private markProgress(resourceVersion: string): void {
    this.resourceVersion = resourceVersion;
    this.progressAt = this.now();
  }

  private setOnline(online: boolean, reason?: string): void {
    if (online === this.online) return;
    this.online = online;
    this.handlers.state(online ? 'online' : 'offline', reason);
  }
}
