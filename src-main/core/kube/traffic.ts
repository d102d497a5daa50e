// SPDX-License-Identifier: Apache-2.0
// A traffic generator: a small client pod that requests a URL every second; each result is an observation.
import { PassThrough } from 'node:stream';
import { Log, type KubeConfig } from '@kubernetes/client-node';
import type { TrafficObservation } from '@contract/observation';
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

  async start(): Promise<void> {
    const ns = encodeURIComponent(this.namespace);
    await this.rest.request('POST', `/api/v1/namespaces/${ns}/pods`, { body: trafficPodManifest(this.name, this.url, this.everySeconds) });
    await this.follow();
  }

  private async follow(): Promise<void> {
    const pod = trafficPodName(this.name);
    const ns = encodeURIComponent(this.namespace);
    // The log stream opens only once the container runs.
    for (let i = 0; i < 120 && !this.stopped; i++) {
      const p = await this.rest.request<{ status?: { phase?: string } }>('GET', `/api/v1/namespaces/${ns}/pods/${pod}`);
      if (p.status?.phase === 'Running') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (this.stopped) return;
    const stream = new PassThrough();
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        const r = parseTrafficLine(l);
        if (r) this.emit({ kind: 'traffic', t: r.at - this.runStartedAt, name: this.name, url: this.url, ok: r.ok, ...(r.code ? { code: r.code } : {}), ...(r.error ? { error: r.error } : {}) });
      }
    });
    this.abort = await new Log(this.kc).log(this.namespace, pod, 'client', stream, { follow: true, timestamps: true });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    const ns = encodeURIComponent(this.namespace);
    await this.rest.request('DELETE', `/api/v1/namespaces/${ns}/pods/${trafficPodName(this.name)}`, { body: { gracePeriodSeconds: 0 } }).catch(() => {});
  }
}
