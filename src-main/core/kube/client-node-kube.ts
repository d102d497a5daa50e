// SPDX-License-Identifier: Apache-2.0
// KubeApi on @kubernetes/client-node: kubeconfig loading and auth from it, REST through
// node-fetch as raw JSON (no model classes, no Date conversion), watch, exec and logs from it.
// Imported only through kube-api.ts's connectors, so that nothing else loads client-node.
import { Writable } from 'node:stream';
import { Exec, KubeConfig, Log, Watch } from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { AppError } from '../util/errors';
import { KubeApiError, type ExecResult, type KubeApi, type OpenWatch, type RestOptions, type WatchEventHandler } from './kube-api';

function checkedConfig(kc: KubeConfig, source: string, context?: string): KubeConfig {
  if (context) {
    if (!kc.getContexts().some((c) => c.name === context)) {
      throw new AppError('KUBE_CONTEXT_UNKNOWN', `no context "${context}" in ${source} (has: ${kc.getContexts().map((c) => c.name).join(', ')})`);
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) throw new AppError('KUBE_NO_CLUSTER', `${source} has no current cluster`);
  return kc;
}

function collector(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      into.push(chunk.toString());
      cb();
    },
  });
}

export class ClientNodeKube implements KubeApi {
  private constructor(private readonly kc: KubeConfig) {}

  static fromFile(file: string, context?: string): ClientNodeKube {
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    return new ClientNodeKube(checkedConfig(kc, file, context));
  }

  /** A config built in code (the tests' proxies and fake servers). */
  static fromKubeConfig(kc: KubeConfig): ClientNodeKube {
    return new ClientNodeKube(checkedConfig(kc, 'the kubeconfig'));
  }

  static fromText(kubeconfig: string): ClientNodeKube {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfig);
    return new ClientNodeKube(checkedConfig(kc, 'the kubeconfig'));
  }

  get context(): string {
    return this.kc.getCurrentContext();
  }

  async request<T = unknown>(method: string, path: string, options: RestOptions = {}): Promise<T> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new AppError('KUBE_NO_CLUSTER', 'no current cluster in kubeconfig');
    const url = new URL(cluster.server.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const init = (await this.kc.applyToFetchOptions({})) as Record<string, unknown> & { headers?: Record<string, string> };
    const headers: Record<string, string> = { ...(init.headers ?? {}), Accept: options.accept ?? 'application/json' };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
    const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    const res = await fetch(url.toString(), { ...init, method, headers, body, signal } as never);
    const text = await res.text();
    if (res.ok && options.text) return text as T;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep the text: some errors are plain */
    }
    if (!res.ok) throw new KubeApiError(res.status, method, path, parsed);
    return parsed as T;
  }

  watch(path: string, resourceVersion: string, onEvent: WatchEventHandler, done: (err: unknown) => void): Promise<OpenWatch> {
    // Bookmarks move our resourceVersion forward while nothing in the namespace changes, so a
    // resume after a quiet spell still starts inside the server's watch window.
    return new Watch(this.kc).watch(path, { resourceVersion, allowWatchBookmarks: true }, onEvent, done);
  }

  exec(namespace: string, pod: string, container: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    const out: string[] = [];
    const err: string[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`exec in ${pod}/${container} timed out after ${timeoutMs / 1000} s`)), timeoutMs);
      new Exec(this.kc)
        .exec(namespace, pod, container, command, collector(out), collector(err), null, false, (status) => {
          clearTimeout(timer);
          // The status is a metav1.Status; a non-zero exit arrives as Failure with an ExitCode cause.
          const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
          const exitCode = status.status === 'Success' ? 0 : Number(cause?.message ?? 1);
          resolve({ exitCode, stdout: out.join(''), stderr: err.join('') });
        })
        .catch((e: unknown) => {
          clearTimeout(timer);
          reject(e);
        });
    });
  }

  followLog(namespace: string, pod: string, container: string, into: Writable): Promise<OpenWatch> {
    return new Log(this.kc).log(namespace, pod, container, into, { follow: true, timestamps: true });
  }
}
