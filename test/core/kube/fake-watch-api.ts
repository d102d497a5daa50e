// SPDX-License-Identifier: Apache-2.0
// A fake of the API server's list/watch semantics for one collection, for the ResourceWatch logic:
// numbered resourceVersions, a watch that replays history after its version, a compaction floor
// below which a resume gets a 410 ERROR event (as kube-apiserver's watch cache answers), a way to
// drop every connection and to refuse new ones.
import type { ListResult, WatchStream, WatchTransport } from '../../../src-main/core/kube/watch-transport';

export interface FakeObject {
  metadata: { uid: string; name: string; resourceVersion: string };
  spec?: { n: number };
}

interface Change {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  obj: FakeObject;
}

interface OpenStream {
  onEvent: (type: string, obj: unknown) => void;
  done: (err: unknown) => void;
}

export class FakeWatchApi implements WatchTransport {
  private rv = 100;
  private readonly objects = new Map<string, FakeObject>();
  private readonly history: Change[] = [];
  private readonly open = new Set<OpenStream>();
  /** a resume from a version older than this is expired (kube's watch cache: older than its oldest event − 1) */
  private floor = 0;
  down = false;
  /** HTTP 410 instead of the ERROR event, as some servers answer */
  expireAsHttpStatus = false;
  /** the next watch starts from this version instead of the one asked for (a replay) */
  replayNextFrom: string | undefined;
  lists = 0;
  watches: string[] = [];

  async list<T>(): Promise<ListResult<T>> {
    if (this.down) throw new Error('connect ECONNREFUSED');
    this.lists += 1;
    return { resourceVersion: String(this.rv), items: [...this.objects.values()].map((o) => structuredClone(o)) as T[] };
  }

  async watch(_path: string, resourceVersion: string, onEvent: (type: string, obj: unknown) => void, done: (err: unknown) => void): Promise<WatchStream> {
    const from = Number(this.replayNextFrom ?? resourceVersion);
    this.replayNextFrom = undefined;
    this.watches.push(String(from));
    const stream: OpenStream = { onEvent, done };
    const close = (err: unknown) => {
      if (!this.open.delete(stream)) return;
      done(err);
    };
    if (this.down) {
      done(new Error('connect ECONNREFUSED'));
      return { stop: () => {} };
    }
    if (from < this.floor) {
      if (this.expireAsHttpStatus) {
        done(Object.assign(new Error('Gone'), { statusCode: 410 }));
        return { stop: () => {} };
      }
      this.open.add(stream);
      onEvent('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: `too old resource version: ${from} (${this.floor})` });
      close(null);
      return { stop: () => {} };
    }
    this.open.add(stream);
    for (const c of this.history) if (c.rv > from) onEvent(c.type, structuredClone(c.obj));
    return { stop: () => close(Object.assign(new Error('aborted'), { name: 'AbortError' })) };
  }

  create(name: string): FakeObject {
    return this.change('ADDED', { metadata: { uid: `uid-${name}`, name, resourceVersion: '' }, spec: { n: 0 } });
  }

  update(name: string): FakeObject {
    const obj = structuredClone(this.objects.get(`uid-${name}`)!);
    obj.spec = { n: (obj.spec?.n ?? 0) + 1 };
    return this.change('MODIFIED', obj);
  }

  delete(name: string): FakeObject {
    return this.change('DELETED', structuredClone(this.objects.get(`uid-${name}`)!));
  }

  bookmark(): void {
    this.rv += 1;
    for (const s of this.open) s.onEvent('BOOKMARK', { metadata: { resourceVersion: String(this.rv) } });
  }

  /** Every connection breaks, as when the network or the API server goes away. */
  dropAll(): void {
    for (const s of [...this.open]) {
      this.open.delete(s);
      s.done(new Error('socket hang up'));
    }
  }

  /** Every watch ends as the server ends one at its timeout: without an error. */
  endAll(): void {
    for (const s of [...this.open]) {
      this.open.delete(s);
      s.done(null);
    }
  }

  /** Forget the history up to now: a resume from an older version gets 410. */
  compact(): void {
    this.floor = this.rv;
    this.history.length = 0;
  }

  get openStreams(): number {
    return this.open.size;
  }

  private change(type: Change['type'], obj: FakeObject): FakeObject {
    this.rv += 1;
    obj.metadata.resourceVersion = String(this.rv);
    if (type === 'DELETED') this.objects.delete(obj.metadata.uid);
    else this.objects.set(obj.metadata.uid, obj);
    this.history.push({ rv: this.rv, type, obj: structuredClone(obj) });
    for (const s of this.open) s.onEvent(type, structuredClone(obj));
    return obj;
  }
}
