// SPDX-License-Identifier: Apache-2.0
// The seam between podlab and a Kubernetes API server: the four things podlab asks of one.
// The engine sees only this interface, so unit tests of the runner, observer and recovery can
// stand a recorded fake in its place. connect.ts opens one from a kubeconfig.
import type { Writable } from 'node:stream';
import { AppError } from '../util/errors';

export interface RestOptions {
  body?: unknown;
  contentType?: string;
  accept?: string;
  query?: Record<string, string | number | boolean | undefined>;
  timeoutMs?: number;
  /** return the body as text (logs), not parsed JSON */
  text?: boolean;
}

/** ADDED | MODIFIED | DELETED | BOOKMARK | ERROR, with the object (a Status for ERROR). */
export type WatchEventHandler = (type: string, object: unknown) => void;

export interface OpenWatch {
  /** Closes the connection; the watch's done callback still runs (with an AbortError). */
  abort(): void;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface KubeApi {
  /** the kubeconfig context it talks through, for messages */
  readonly context: string;
  /** One REST call; JSON in and out unless `text`. A non-2xx answer throws KubeApiError. */
  request<T = unknown>(method: string, path: string, options?: RestOptions): Promise<T>;
  /**
   * Opens `path?watch` from `resourceVersion` (with bookmarks). Resolves once the server answered
   * with its headers; `done` runs once when the stream ends (null) or fails (a non-200 answer
   * carries `statusCode`). No deadline of its own: watch-transport.ts puts one on the opening.
   */
  watch(path: string, resourceVersion: string, onEvent: WatchEventHandler, done: (err: unknown) => void): Promise<OpenWatch>;
  /** `kubectl exec` without a terminal: output and exit code; rejects after timeoutMs. */
  exec(namespace: string, pod: string, container: string, command: string[], timeoutMs: number): Promise<ExecResult>;
  /** `kubectl logs -f --timestamps` of one container into `into`; resolves once the stream is open. */
  followLog(namespace: string, pod: string, container: string, into: Writable): Promise<OpenWatch>;
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

export async function serverVersion(kube: KubeApi): Promise<string> {
  const v = await kube.request<{ gitVersion: string }>('GET', '/version', { timeoutMs: 5000 });
  return v.gitVersion;
}
