// SPDX-License-Identifier: Apache-2.0
// KubeConfig loading and a small REST client over it (raw JSON: no model classes, no Date conversion).
import { KubeConfig } from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { AppError } from '../util/errors';

export function loadKubeConfig(file: string, context?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  if (context) {
    if (!kc.getContexts().some((c) => c.name === context)) {
      throw new AppError('KUBE_CONTEXT_UNKNOWN', `no context "${context}" in ${file} (has: ${kc.getContexts().map((c) => c.name).join(', ')})`);
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) throw new AppError('KUBE_NO_CLUSTER', `${file} has no current cluster`);
  return kc;
}

export interface RestOptions {
  body?: unknown;
  contentType?: string;
  accept?: string;
  query?: Record<string, string | number | boolean | undefined>;
  timeoutMs?: number;
  /** return the body as text (logs), not parsed JSON */
  text?: boolean;
}

export class KubeApiError extends AppError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: unknown,
  ) {
    const msg = (body as { message?: string } | undefined)?.message ?? JSON.stringify(body);
    super(status === 404 ? 'KUBE_NOT_FOUND' : 'KUBE_API_ERROR', `${method} ${path}: ${status} ${msg}`, { details: body });
    this.name = 'KubeApiError';
  }
}

export class KubeRest {
  constructor(readonly kc: KubeConfig) {}

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
}

export async function serverVersion(kc: KubeConfig): Promise<string> {
  const v = await new KubeRest(kc).request<{ gitVersion: string }>('GET', '/version', { timeoutMs: 5000 });
  return v.gitVersion;
}
