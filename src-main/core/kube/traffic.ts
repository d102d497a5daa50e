// SPDX-License-Identifier: Apache-2.0
// A traffic generator: a small client pod that requests a URL every second; each result is an observation.
import { PassThrough } from 'node:stream';
import { Log, type KubeConfig } from '@kubernetes/client-node';
import type { TrafficObservation } from '@contract/observation';
import { AppError } from '../util/errors';
import type { KubeRest } from './kube-client';

export const TRAFFIC_IMAGE = 'docker.io/library/busybox:1.36';

/** One line per request: "PODLAB ok <code>" or "PODLAB fail <code or -> <reason>". busybox wget prints
 *  the response status line with -S (and nothing at all with -q); connection errors end in
 *  "Connection refused". The time limit comes from `timeout`, not wget's own -T, which crashes the
 *  static busybox some images ship. */
export function trafficScript(url: string, everySeconds: number): string {
  return [
    `while true; do`,
    `  out=$(timeout 3 wget -S -O /dev/null '${url}' 2>&1); rc=$?`,
    `  code=$(echo "$out" | sed -n 's/.*HTTP\\/[0-9.]* \\([0-9][0-9][0-9]\\).*/\\1/p' | tail -n 1)`,
    `  if [ $rc -eq 0 ]; then echo "PODLAB ok \${code:-200}"; else echo "PODLAB fail \${code:--} $(echo "$out" | grep -v '^ ' | tail -n 1)"; fi`,
    `  sleep ${everySeconds}`,
    `done`,
  ].join('\n');
}

export function trafficPodName(name: string): string {
  return `podlab-traffic-${name}`.slice(0, 63);
}

export function trafficPodManifest(name: string, url: string, everySeconds: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: trafficPodName(name), labels: { 'podlab.dev/role': 'traffic', 'podlab.dev/traffic': name } },
    spec: {
      terminationGracePeriodSeconds: 0,
      restartPolicy: 'Always',
      containers: [{ name: 'client', image: TRAFFIC_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', trafficScript(url, everySeconds)] }],
    },
  };
}

/** Parses one log line with its timestamp prefix (the log API's timestamps=true). */
export function parseTrafficLine(line: string): { at: number; ok: boolean; code?: number; error?: string } | undefined {
  const m = /^(\S+) PODLAB (ok|fail) (\S+)\s*(.*)$/.exec(line.trim());
  if (!m) return undefined;
  const at = Date.parse(m[1]!);
  if (Number.isNaN(at)) return undefined;
  const code = /^\d{3}$/.test(m[3]!) ? Number(m[3]) : undefined;
  return { at, ok: m[2] === 'ok', ...(code ? { code } : {}), ...(m[2] === 'fail' ? { error: m[4]?.trim() || `HTTP ${m[3]}` } : {}) };
}

export class TrafficGenerator {
  private abort: AbortController | undefined;
  private stopped = false;
  /** the newest request time seen, so a reopened stream does not report a line twice */
  private lastAt = 0;
  private following: Promise<void> | undefined;
  private stream: PassThrough | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly rest: KubeRest,
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
    this.abort = await new Log(this.kc).log(this.namespace, trafficPodName(this.name), 'client', stream, { follow: true, timestamps: true });
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
