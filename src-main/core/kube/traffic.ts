// SPDX-License-Identifier: Apache-2.0
// A traffic generator: a small client pod that requests a URL every second; each result is an observation.
import { PassThrough } from 'node:stream';
import type { TrafficObservation } from '@contract/observation';
import { AppError } from '../util/errors';
import type { KubeApi, OpenWatch } from './kube-api';
import { isTrafficPath } from './url-path';

export const TRAFFIC_IMAGE = 'docker.io/library/busybox:1.36';

/**
 * The client's loop. Nothing of a lesson is spliced into it: the URL and the interval arrive as
 * the arguments $1 and $2 of `sh -c`, and wget gets the URL as one argv element. Each request
 * prints one line, `PODLAB <wget exit code> <base64 of all wget printed>`; busybox wget prints the
 * status line and headers of each response with -S (the body goes to /dev/null), so neither the
 * response nor the path can add a line or a field of their own. The time limit comes from
 * `timeout`, not wget's own -T, which crashes the static busybox some images ship.
 */
export const TRAFFIC_SCRIPT = [
  'while true; do',
  '  out=$(timeout 3 wget -S -O /dev/null "$1" 2>&1); rc=$?',
  '  echo "PODLAB $rc $(printf %s "$out" | base64 | tr -d \'\\n\')"',
  '  sleep "$2"',
  'done',
].join('\n');

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

/** Refuses any URL but http://host[:port]/path with a strict path, before a pod is made for it. */
export function checkTrafficUrl(url: string): void {
  const m = /^http:\/\/([^/:]+|\[[^\]]*\])(?::(\d{1,5}))?(\/.*)$/s.exec(url);
  const port = m?.[2] === undefined ? 80 : Number(m[2]);
  if (!m || !HOST.test(m[1]!) || !(port >= 1 && port <= 65535) || !isTrafficPath(m[3]!)) {
    throw new AppError('TRAFFIC_URL_INVALID', `traffic URL ${JSON.stringify(url.slice(0, 200))} is not http://host[:port]/path with a path of letters, digits and -._~!$&'()*+,;=:@/? or %XX escapes`);
  }
}

export function trafficPodName(name: string): string {
  return `podlab-traffic-${name}`.slice(0, 63);
}

export function trafficPodManifest(name: string, url: string, everySeconds: number): Record<string, unknown> {
  checkTrafficUrl(url);
  if (!Number.isInteger(everySeconds) || everySeconds < 1 || everySeconds > 3600) throw new AppError('TRAFFIC_INTERVAL_INVALID', `traffic interval ${everySeconds} is not a whole number of seconds from 1 to 3600`);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: trafficPodName(name), labels: { 'podlab.dev/role': 'traffic', 'podlab.dev/traffic': name } },
    spec: {
      terminationGracePeriodSeconds: 0,
      restartPolicy: 'Always',
      containers: [{ name: 'client', image: TRAFFIC_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', TRAFFIC_SCRIPT, 'podlab-traffic', url, String(everySeconds)] }],
    },
  };
}

export interface TrafficLine {
  at: number;
  ok: boolean;
  code?: number;
  error?: string;
}

/** Parses one log line with its timestamp prefix (the log API's timestamps=true). */
export function parseTrafficLine(line: string): TrafficLine | undefined {
  const m = /^(\S+) PODLAB (\d{1,3}) ([A-Za-z0-9+/]*={0,2})$/.exec(line.trim());
  if (!m) return undefined;
  const at = Date.parse(m[1]!);
  if (Number.isNaN(at)) return undefined;
  const rc = Number(m[2]);
  const output = Buffer.from(m[3]!, 'base64').toString('utf8').split('\n');
  const code = lastStatusCode(output);
  if (rc === 0) return { at, ok: true, code: code ?? 200 };
  return { at, ok: false, ...(code ? { code } : {}), error: failureReason(rc, output, code) };
}

/**
 * The status of the last response: the line right after wget's last "Connecting to" (a redirect
 * connects again). Only that line is read, so a header that looks like a status line counts for nothing.
 */
function lastStatusCode(output: string[]): number | undefined {
  let connected = -1;
  output.forEach((l, i) => l.startsWith('Connecting to ') && (connected = i));
  const status = connected < 0 ? undefined : /^ {2}HTTP\/\d(?:\.\d)? (\d{3})(?: |$)/.exec(output[connected + 1] ?? '');
  return status ? Number(status[1]) : undefined;
}

function failureReason(rc: number, output: string[], code: number | undefined): string {
  // busybox timeout ends wget with SIGTERM: 143.
  if (rc === 143 || rc === 124) return 'no answer within 3 s';
  const said = output.filter((l) => l.trim() && !l.startsWith(' ')).pop();
  return (said ?? (code ? `HTTP ${code}` : `wget exited with ${rc}`)).slice(0, 300);
}

export class TrafficGenerator {
  private abort: OpenWatch | undefined;
  private stopped = false;
  /** the newest request time seen, so a reopened stream does not report a line twice */
  private lastAt = 0;
  private following: Promise<void> | undefined;
  private stream: PassThrough | undefined;

  constructor(
    private readonly rest: KubeApi,
    private readonly namespace: string,
    readonly name: string,
    readonly url: string,
    private readonly everySeconds: number,
    private readonly runStartedAt: number,
    private readonly emit: (o: TrafficObservation) => void,
  ) {}

  /** Creates the client pod and resolves once its log is followed; later instances are followed in the background. */
  async start(timeoutMs: number): Promise<void> {
    const ns = encodeURIComponent(this.namespace);
    await this.rest.request('POST', `/api/v1/namespaces/${ns}/pods`, { body: trafficPodManifest(this.name, this.url, this.everySeconds) });
    const first = await this.openCurrentInstance(Date.now() + timeoutMs);
    if (first) this.following = this.followLaterInstances(first.ended);
  }

  /**
   * The client container can die and be restarted by the kubelet (a failed first start on a busy
   * node, an OOM, a node hiccup): a log stream ends with its container instance, so each new
   * instance gets a stream of its own.
   */
  private async followLaterInstances(first: Promise<void>): Promise<void> {
    let ended: Promise<void> | undefined = first;
    while (ended && !this.stopped) {
      await ended;
      if (this.stopped) return;
      await sleep(500);
      try {
        ended = (await this.openCurrentInstance())?.ended;
      } catch {
        ended = sleep(1000); // the API did not answer: try again
      }
    }
  }

  /** Waits until the client container runs and opens its log (undefined once stopped). The end of
   *  the stream is wrapped in an object: an async function returning a bare promise would wait for it. */
  private async openCurrentInstance(deadline = Infinity): Promise<{ ended: Promise<void> } | undefined> {
    while (!this.stopped && !(await this.clientRunning())) {
      if (Date.now() > deadline) throw new AppError('STEP_TIMEOUT', `the traffic client ${trafficPodName(this.name)} did not start running`);
      await sleep(500);
    }
    if (this.stopped) return undefined;
    const stream = new PassThrough();
    this.stream = stream;
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) this.record(l);
    });
    const ended = new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
    this.abort = await this.rest.followLog(this.namespace, trafficPodName(this.name), 'client', stream);
    if (this.stopped) this.abort.abort(); // stop() came while the request was on its way
    return { ended };
  }

  private record(line: string): void {
    const r = parseTrafficLine(line);
    if (!r || r.at <= this.lastAt) return;
    this.lastAt = r.at;
    this.emit({ kind: 'traffic', t: r.at - this.runStartedAt, name: this.name, url: this.url, ok: r.ok, ...(r.code ? { code: r.code } : {}), ...(r.error ? { error: r.error } : {}) });
  }

  private async clientRunning(): Promise<boolean> {
    const ns = encodeURIComponent(this.namespace);
    const p = await this.rest
      .request<{ status?: { containerStatuses?: Array<{ name: string; state?: { running?: unknown } }> } }>('GET', `/api/v1/namespaces/${ns}/pods/${trafficPodName(this.name)}`)
      .catch(() => undefined);
    return Boolean(p?.status?.containerStatuses?.find((c) => c.name === 'client')?.state?.running);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    // An aborted request does not end the stream it was piped into: close it, so the follower's wait ends.
    this.stream?.destroy();
    const ns = encodeURIComponent(this.namespace);
    await this.rest.request('DELETE', `/api/v1/namespaces/${ns}/pods/${trafficPodName(this.name)}`, { body: { gracePeriodSeconds: 0 } }).catch(() => {});
    await this.following?.catch(() => {});
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
