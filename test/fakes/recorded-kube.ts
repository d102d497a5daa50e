// SPDX-License-Identifier: Apache-2.0
// A KubeApi in memory, for unit tests of the runner, the observer and recovery: a small object
// store that answers REST calls the way kube-apiserver does for the paths podlab uses, streams
// watch events of every change, and records each call so a test can say what was (not) sent.
// It is no kubelet: a test moves pods through their lives with `update`. The real-cluster suite
// stays the proof of what a kubelet does.
//
// Watches behave as kube-apiserver's do for a client-node caller: one opened from a
// resourceVersion first gets every change after it (the history is kept, as etcd keeps it), one
// from a version older than `compact()` left gets a 410 Expired ERROR event and is closed, and one
// the server refuses (an `on('WATCH', …)` that throws) still resolves, its `done` called with the
// error, as client-node's Watch does.
import type { Writable } from 'node:stream';
import { KubeApiError, type ExecResult, type KubeApi, type OpenWatch, type RestOptions, type WatchEventHandler } from '../../src-main/core/kube/kube-api';

export interface RecordedCall {
  method: string;
  /** the path without its query */
  path: string;
  query: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
}

type KubeObject = { apiVersion?: string; kind?: string; metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string; labels?: Record<string, string>; [k: string]: unknown }; [k: string]: unknown };

/**
 * Answers a call instead of the object store; return undefined to let the store answer. For a
 * watch (method 'WATCH', `query.resourceVersion` set) throw to refuse it, or return a promise to
 * hold the answer's headers until it settles.
 */
export type Override = (call: RecordedCall) => unknown;

interface Watcher {
  collection: string;
  onEvent: WatchEventHandler;
  done: (err: unknown) => void;
}

/** Discovery for the kinds lessons use, as `GET /api/v1` answers it. */
const CORE_V1 = {
  resources: [
    { name: 'pods', kind: 'Pod', namespaced: true },
    { name: 'pods/status', kind: 'Pod', namespaced: true },
    { name: 'services', kind: 'Service', namespaced: true },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
    { name: 'secrets', kind: 'Secret', namespaced: true },
    { name: 'endpoints', kind: 'Endpoints', namespaced: true },
    { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'nodes', kind: 'Node', namespaced: false },
  ],
};

const PLURAL: Record<string, string> = { Pod: 'pods', Service: 'services', ConfigMap: 'configmaps', Secret: 'secrets', Namespace: 'namespaces', ServiceAccount: 'serviceaccounts' };

export class RecordedKube implements KubeApi {
  readonly context = 'fake';
  readonly calls: RecordedCall[] = [];
  readonly execs: Array<{ namespace: string; pod: string; container: string; command: string[] }> = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly watchers = new Set<Watcher>();
  /** every change, so a watch opened from a resourceVersion gets what came after it, as from etcd */
  private readonly history: Array<{ rv: number; collection: string; type: string; object: KubeObject }> = [];
  private readonly overrides: Array<{ method: string; path: RegExp; answer: Override }> = [];
  /** a watch from a resourceVersion older than this has lost its history (410 Expired) */
  private compactedTo = 0;
  private rv = 100;
  /** each watch asked for, kept apart from `calls` so that `log()` and counts of GETs stay REST calls */
  readonly watchCalls: Array<{ path: string; resourceVersion: string }> = [];
  /** what exec answers */
  execResult: ExecResult = { exitCode: 0, stdout: '', stderr: '' };

  /** "POST /api/v1/namespaces", … in call order; reads included unless `writesOnly`. */
  log(writesOnly = false): string[] {
    return this.calls.filter((c) => !writesOnly || c.method !== 'GET').map((c) => `${c.method} ${c.path}${c.query.dryRun ? ' (dry run)' : ''}`);
  }

  /** Calls matching method ('WATCH' for watches) and path answer with `answer` first (throw inside it to fail the call). */
  on(method: string, path: RegExp, answer: Override): this {
    this.overrides.push({ method, path, answer });
    return this;
  }

  get(path: string): KubeObject | undefined {
    return this.objects.get(path);
  }

  /** Changes a stored object as a controller or the kubelet would, and tells the watchers. */
  update(path: string, change: (o: KubeObject) => void): void {
    const o = this.objects.get(path);
    if (!o) throw new Error(`fake kube: no ${path} to update`);
    change(o);
    this.store(path, o, 'MODIFIED');
  }

  async request<T = unknown>(method: string, path: string, options: RestOptions = {}): Promise<T> {
    const call: RecordedCall = { method, path, query: options.query ?? {}, ...(options.body !== undefined ? { body: options.body } : {}), ...(options.contentType ? { contentType: options.contentType } : {}) };
    this.calls.push(call);
    await Promise.resolve(); // an answer is never synchronous
    for (const o of this.overrides) {
      if (o.method === method && o.path.test(path)) {
        const answer = o.answer(call);
        if (answer !== undefined) return answer as T;
      }
    }
    return this.answer(call) as T;
  }

  async watch(path: string, resourceVersion: string, onEvent: WatchEventHandler, done: (err: unknown) => void): Promise<OpenWatch> {
    this.watchCalls.push({ path, resourceVersion });
    const call: RecordedCall = { method: 'WATCH', path, query: { watch: true, resourceVersion } };
    try {
      for (const o of this.overrides) if (o.method === 'WATCH' && o.path.test(path)) await o.answer(call);
    } catch (e) {
      // client-node's Watch resolves even when refused; the refusal (with its statusCode) goes to done.
      done(e instanceof KubeApiError ? Object.assign(new Error(e.message), { statusCode: e.status }) : e);
      return { abort: () => {} };
    }
    const watcher: Watcher = { collection: path, onEvent, done };
    const from = Number(resourceVersion);
    if (from < this.compactedTo) {
      onEvent('ERROR', { kind: 'Status', status: 'Failure', code: 410, reason: 'Expired', message: `too old resource version: ${resourceVersion} (${this.compactedTo})` });
      done(null);
      return { abort: () => {} };
    }
    // Attached in the same turn as the replay, so a change is either replayed or streamed: never both, never neither.
    this.watchers.add(watcher);
    for (const e of this.history) if (e.collection === path && e.rv > from) onEvent(e.type, structuredClone(e.object));
    return {
      abort: () => {
        if (!this.watchers.delete(watcher)) return;
        const err = new Error('aborted');
        err.name = 'AbortError';
        done(err);
      },
    };
  }

  /** The collections with a watch open now, one entry per watch. */
  openWatches(): string[] {
    return [...this.watchers].map((w) => w.collection);
  }

  /**
   * Forgets the history so far, as etcd compaction and the watch cache's window do: a watch from
   * an older resourceVersion is answered 410 Expired and must relist.
   */
  compact(): void {
    this.history.length = 0;
    this.compactedTo = this.rv;
  }

  /** Ends every open watch as a server would at its timeout (done with null): the client relists or resumes. */
  endWatches(): void {
    for (const w of [...this.watchers]) {
      this.watchers.delete(w);
      w.done(null);
    }
  }

  exec(namespace: string, pod: string, container: string, command: string[]): Promise<ExecResult> {
    this.execs.push({ namespace, pod, container, command });
    return Promise.resolve(this.execResult);
  }

  followLog(_namespace: string, _pod: string, _container: string, into: Writable): Promise<OpenWatch> {
    return Promise.resolve({ abort: () => into.end() });
  }

  private answer(call: RecordedCall): unknown {
    const { method, path } = call;
    if (path === '/version') return { gitVersion: 'v1.34.4' };
    if (path === '/api/v1') return CORE_V1;
    if (path.endsWith('/log')) return '';
    const dryRun = call.query.dryRun !== undefined;
    if (method === 'GET') {
      const one = this.objects.get(path);
      if (one) return structuredClone(one);
      const selector = typeof call.query.labelSelector === 'string' ? call.query.labelSelector.split(',').map((kv) => kv.split('=')) : [];
      const items = [...this.objects.entries()]
        .filter(([p, o]) => parentOf(p) === path && selector.every(([k, v]) => o.metadata.labels?.[k!] === v))
        .map(([, o]) => structuredClone(o));
      if (items.length || isCollection(path)) return { metadata: { resourceVersion: String(this.rv) }, items };
      throw notFound(method, path);
    }
    if (method === 'POST') {
      const body = structuredClone(call.body) as KubeObject;
      const itemPath = `${path}/${body.metadata.name}`;
      if (this.objects.has(itemPath)) throw new KubeApiError(409, method, path, { kind: 'Status', reason: 'AlreadyExists', message: `${body.metadata.name} already exists` });
      if (dryRun) return body;
      this.store(itemPath, body, 'ADDED');
      // The controller-manager's part: a new namespace soon has its default ServiceAccount.
      if (path === '/api/v1/namespaces') this.store(`${itemPath}/serviceaccounts/default`, { kind: 'ServiceAccount', metadata: { name: 'default', namespace: body.metadata.name } }, 'ADDED');
      return structuredClone(body);
    }
    if (method === 'PATCH') {
      const existing = this.objects.get(path);
      const isApply = call.contentType === 'application/apply-patch+yaml';
      if (!existing && !isApply) throw notFound(method, path);
      const patch = (typeof call.body === 'string' ? JSON.parse(call.body) : call.body) as KubeObject;
      const merged = mergePatch(existing ? structuredClone(existing) : {}, patch) as KubeObject;
      if (dryRun) return merged;
      this.store(path.replace(/\/status$/, ''), merged, existing ? 'MODIFIED' : 'ADDED');
      return structuredClone(merged);
    }
    if (method === 'DELETE') {
      const existing = this.objects.get(path);
      if (!existing) throw notFound(method, path);
      const namespace = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path)?.[1];
      if (namespace !== undefined) {
        // kube-apiserver's namespace storage refuses a second delete while the first is under way.
        if ((existing.status as { phase?: string } | undefined)?.phase === 'Terminating' || existing.metadata.deletionTimestamp) {
          throw new KubeApiError(409, method, path, {
            kind: 'Status',
            reason: 'Conflict',
            message: `Operation cannot be fulfilled on namespaces "${namespace}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.`,
          });
        }
        // A namespace takes what is in it along, in every API group (endpointslices too), then goes.
        for (const p of [...this.objects.keys()]) if (p.includes(`/namespaces/${namespace}/`)) this.remove(p);
      } else {
        for (const p of [...this.objects.keys()]) if (p.startsWith(`${path}/`)) this.remove(p);
      }
      this.remove(path);
      return { kind: 'Status', status: 'Success' };
    }
    throw new KubeApiError(405, method, path, { message: 'the fake does not do that' });
  }

  private store(path: string, o: KubeObject, type: 'ADDED' | 'MODIFIED'): void {
    const existing = this.objects.get(path);
    o.metadata.resourceVersion = String(++this.rv);
    o.metadata.uid ??= existing?.metadata.uid ?? `uid-${this.rv}`;
    this.objects.set(path, o);
    this.tell(path, type, o);
  }

  private remove(path: string): void {
    const o = this.objects.get(path);
    if (!o) return;
    this.objects.delete(path);
    o.metadata.resourceVersion = String(++this.rv);
    this.tell(path, 'DELETED', o);
  }

  private tell(path: string, type: string, o: KubeObject): void {
    this.history.push({ rv: this.rv, collection: parentOf(path), type, object: structuredClone(o) });
    for (const w of this.watchers) if (w.collection === parentOf(path)) w.onEvent(type, structuredClone(o));
  }
}

/** `/api/v1/namespaces/ns/pods/web` → `/api/v1/namespaces/ns/pods` */
function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

function isCollection(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return Object.values(PLURAL).includes(last) || ['endpointslices', 'events', 'endpoints'].includes(last);
}

function notFound(method: string, path: string): KubeApiError {
  return new KubeApiError(404, method, path, { kind: 'Status', reason: 'NotFound', message: `${path} not found` });
}

/** RFC 7386 JSON merge patch: enough for the status patches and applies the runner sends. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
