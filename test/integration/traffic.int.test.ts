// SPDX-License-Identifier: Apache-2.0
// The traffic client on the real cluster: its container is killed from the node and restarted by
// the kubelet, and the requests of the new instance still arrive (each once); stop() ends at once.
// A path crafted to break out of a shell quote (it forged `ok: true, code: 299` once) is requested
// as it is and observed as nginx's 404; a URL that is no URL path is refused before any pod exists.
import { execFileSync } from 'node:child_process';
import type { TrafficObservation } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { TrafficGenerator, trafficPodName } from '../../src-main/core/kube/traffic';
import { sleep, testKube, testNamespace, until } from './cluster';

const { rest } = testKube();
const CONTAINERD = '/var/lib/podlab-test-cluster/run/containerd/containerd.sock';

interface PodStatus {
  status?: { podIP?: string; containerStatuses?: Array<{ name: string; containerID?: string; restartCount: number; state?: { running?: unknown } }> };
}

describe('the traffic client', () => {
  it('follows the client container across a restart, reports each request once, and stops promptly', async () => {
    const ns = await testNamespace(rest, 'traffic');
    try {
      await rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, {
        body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'docker.io/library/nginx:1.27.5', imagePullPolicy: 'IfNotPresent' }] } },
      });
      const ip = await until('the pod IP', 60_000, async () => (await rest.request<PodStatus>('GET', `/api/v1/namespaces/${ns.name}/pods/web`)).status?.podIP);
      const seen: TrafficObservation[] = [];
      const started = Date.now();
      const gen = new TrafficGenerator(rest, ns.name, 'web', `http://${ip}:80/`, 1, started, (o) => seen.push(o));
      await gen.start(60_000);
      await until('two answered requests', 60_000, () => seen.filter((o) => o.ok).length >= 2 || undefined);

      // Kill the client's container from the node, as a crash or the OOM killer would.
      const client = `/api/v1/namespaces/${ns.name}/pods/${trafficPodName('web')}`;
      const before = (await rest.request<PodStatus>('GET', client)).status!.containerStatuses![0]!;
      execFileSync('ctr', ['--address', CONTAINERD, '-n', 'k8s.io', 'tasks', 'kill', '-s', 'SIGKILL', before.containerID!.replace(/^containerd:\/\//, '')]);
      const killedAt = Date.now() - started;
      await until('the restarted client running', 60_000, async () => {
        const c = (await rest.request<PodStatus>('GET', client)).status?.containerStatuses?.[0];
        return (c && c.restartCount > before.restartCount && c.state?.running) || undefined;
      });
      await until('requests of the new instance', 60_000, () => seen.filter((o) => o.ok && o.t > killedAt + 500).length >= 2 || undefined);

      const times = seen.map((o) => o.t);
      expect(new Set(times).size).toBe(times.length);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const t0 = Date.now();
      await gen.stop();
      expect(Date.now() - t0).toBeLessThan(10_000);
      const count = seen.length;
      await sleep(2500);
      expect(seen.length).toBe(count);
    } finally {
      await ns.drop();
    }
  }, 240_000);

  it('requests a crafted path literally: no forged observation, and a bad URL makes no pod', async () => {
    const ns = await testNamespace(rest, 'traffic-craft');
    try {
      await rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, {
        body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'docker.io/library/nginx:1.27.5', imagePullPolicy: 'IfNotPresent' }] } },
      });
      const ip = await until('the pod IP', 60_000, async () => (await rest.request<PodStatus>('GET', `/api/v1/namespaces/${ns.name}/pods/web`)).status?.podIP);

      // Spliced into the old `wget '<url>'`, this closed the quote and echoed a result line of its own.
      const crafted = `http://${ip}:80/';echo$IFS'PODLAB'$IFS'ok'$IFS'299';'`;
      const seen: TrafficObservation[] = [];
      const gen = new TrafficGenerator(rest, ns.name, 'crafted', crafted, 1, Date.now(), (o) => seen.push(o));
      await gen.start(60_000);
      await until('three requests', 60_000, () => seen.length >= 3 || undefined);
      await gen.stop();
      expect(seen.map((o) => ({ ok: o.ok, code: o.code }))).toEqual(seen.map(() => ({ ok: false, code: 404 })));
      expect(seen[0]!.error).toBe('wget: server returned error: HTTP/1.1 404 Not Found');

      const refused = new TrafficGenerator(rest, ns.name, 'refused', `http://${ip}:80/'; echo PODLAB 0 x #`, 1, Date.now(), () => {});
      await expect(refused.start(10_000)).rejects.toThrow(/is not http:\/\/host\[:port\]\/path/);
      await expect(rest.request('GET', `/api/v1/namespaces/${ns.name}/pods/${trafficPodName('refused')}`)).rejects.toThrow(/404|not found/i);
    } finally {
      await ns.drop();
    }
  }, 240_000);
});
