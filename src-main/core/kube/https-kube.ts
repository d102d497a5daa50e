// SPDX-License-Identifier: Apache-2.0
// KubeApi over node:https (and node:http for a plain-HTTP server), with the kubeconfig's own TLS
// material and credentials: the four calls podlab makes, without client-node's generated API
// (~80 MB of RSS once loaded, most of an engine's memory). One keep-alive agent per connection.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { AppError } from '../util/errors';
import { KubeApiError, type ExecResult, type KubeApi, type OpenWatch, type RestOptions, type WatchEventHandler } from './kube-api';
import type { KubeTarget } from './kubeconfig';
import { execOverWebSocket } from './ws-exec';

type Query = RestOptions['query'];

export class HttpsKube implements KubeApi {
  private readonly agent: HttpAgent;

  constructor(private readonly target: KubeTarget) {
    const secure = target.server.protocol === 'https:';
    // Idle sockets are closed before kube-apiserver's own idle timeout would cut them mid-request.
    this.agent = secure ? new HttpsAgent({ keepAlive: true, timeout: 60_000, ...target.tls }) : new HttpAgent({ keepAlive: true, timeout: 60_000 });
  }

  get context(): string {
    return this.target.context;
  }

  async request<T = unknown>(method: string, path: string, options: RestOptions = {}): Promise<T> {
    const headers: OutgoingHttpHeaders = { Accept: options.accept ?? 'application/json' };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
      // Node sends a DELETE's body with neither a length nor chunks: the server would take it for the next request.
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const timeoutMs = options.timeoutMs ?? 30_000;
    // One deadline for the headers and the whole body, as a learner waits for both.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new AppError('KUBE_TIMEOUT', `${method} ${path}: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const { response, text } = await this.send(method, path, options.query, headers, body, deadline.signal)
      .then(async (answer) => ({ response: answer, text: await readText(answer) }))
      .finally(() => clearTimeout(timer));
    const ok = isOk(response);
    if (ok && options.text) return text as T;
    const parsed = parseJson(text);
    if (!ok) throw new KubeApiError(response.statusCode ?? 0, method, path, parsed);
    return parsed as T;
  }

  async watch(path: string, resourceVersion: string, onEvent: WatchEventHandler, done: (err: unknown) => void): Promise<OpenWatch> {
    const controller = new AbortController();
    let finished = false;
    const finish = (err: unknown) => {
      if (finished) return;
      finished = true;
      controller.abort();
      done(err);
    };
    // Bookmarks move our resourceVersion forward while nothing in the namespace changes, so a
    // resume after a quiet spell still starts inside the server's watch window.
    const query = { watch: true, resourceVersion, allowWatchBookmarks: true };
    try {
      const response = await this.send('GET', path, query, { Accept: 'application/json' }, undefined, controller.signal);
      if (response.statusCode !== 200) throw await watchRefused(response, path);
      response.socket?.setKeepAlive(true, 30_000);
      readEvents(response, onEvent, finish);
    } catch (e) {
      finish(e);
    }
    return { abort: () => finish(abortError()) };
  }

  exec(namespace: string, pod: string, container: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    const url = new URL(joinPath(this.target.server, `/api/v1/namespaces/${namespace}/pods/${pod}/exec`), this.target.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    for (const c of command) url.searchParams.append('command', c);
    url.searchParams.set('container', container);
    url.searchParams.set('stdout', 'true');
    url.searchParams.set('stderr', 'true');
    return execOverWebSocket(url, { ...this.target.tls, headers: this.target.authHeaders() }, `${pod}/${container}`, timeoutMs);
  }

  async followLog(namespace: string, pod: string, container: string, into: Writable): Promise<OpenWatch> {
    const path = `/api/v1/namespaces/${namespace}/pods/${pod}/log`;
    const controller = new AbortController();
    const response = await this.send('GET', path, { container, follow: true, timestamps: true }, { Accept: '*/*' }, undefined, controller.signal);
    if (!isOk(response)) throw new KubeApiError(response.statusCode ?? 0, 'GET', path, parseJson(await readText(response)));
    // An abort ends the answer with an error: the log so far stays in `into`, which is then ended.
    response.on('error', () => into.end());
    response.pipe(into);
    return { abort: () => controller.abort() };
  }

  /**
   * One HTTP request; resolves with the answer once its headers are in. An abort of `signal`
   * destroys the answer if it has begun (the request, if not), with the signal's reason.
   * (Node's own `signal` option throws from inside the abort when the answer is already complete.)
   */
  private send(method: string, path: string, query: Query, headers: OutgoingHttpHeaders, body: string | undefined, signal: AbortSignal): Promise<IncomingMessage> {
    const url = new URL(joinPath(this.target.server, path.split('?')[0]!), this.target.server);
    url.search = new URL(path, 'http://x').search;
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      let response: IncomingMessage | undefined;
      const req = send(url, { method, agent: this.agent, headers: { ...headers, ...this.target.authHeaders() } }, (answer) => {
        response = answer;
        answer.on('close', () => signal.removeEventListener('abort', onAbort));
        resolve(answer);
      });
      const onAbort = () => (response ?? req).destroy(signal.reason instanceof Error ? signal.reason : abortError());
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => reject(connectionError(e, method, url)));
      req.end(body);
    });
  }
}

/** The server's own path prefix (a proxy's `https://host/k8s/clusters/c`) kept before the API path. */
function joinPath(server: URL, path: string): string {
  return server.pathname.replace(/\/$/, '') + path;
}

function readEvents(response: IncomingMessage, onEvent: WatchEventHandler, finish: (err: unknown) => void): void {
  response.on('error', finish);
  response.on('aborted', () => finish(new AppError('WATCH_CUT', 'the watch connection was cut')));
  const lines = createInterface({ input: response, crlfDelay: Infinity });
  lines.on('error', finish); // readline hands on the answer's errors (an abort, a cut connection)
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let event: { type?: unknown; object?: unknown };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      // A line cut short means the stream broke: end it so the watch resumes from the last version seen.
      return finish(new AppError('WATCH_GARBLED', `the watch stream sent a line that is not JSON: ${line.slice(0, 80)}`));
    }
    if (typeof event.type === 'string') onEvent(event.type, event.object);
  });
  lines.on('close', () => finish(response.complete ? null : new AppError('WATCH_CUT', 'the watch connection was cut')));
}

/** A non-200 watch answer: an Error that carries `statusCode`, as client-node's Watch rejected. */
async function watchRefused(response: IncomingMessage, path: string): Promise<Error> {
  const status = response.statusCode ?? 0;
  const error = new KubeApiError(status, 'GET', `${path}?watch`, parseJson(await readText(response).catch(() => '')) ?? response.statusMessage);
  return Object.assign(error, { statusCode: status });
}

function readText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text; // some errors are plain text
  }
}

const isOk = (r: IncomingMessage) => (r.statusCode ?? 0) >= 200 && (r.statusCode ?? 0) < 300;

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

function connectionError(e: Error, method: string, url: URL): Error {
  if (e.name === 'AbortError' || e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  return new AppError('KUBE_UNREACHABLE', `${method} ${url.origin}${url.pathname}: ${code ? `${code} ` : ''}${e.message}`, { cause: e });
}
