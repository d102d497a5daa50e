// SPDX-License-Identifier: Apache-2.0
// Synthetic but realistic observations for the benches: a pod that starts, probes and becomes ready.
import type { Observation } from '../src-main/contract/observation';

export function podTimeline(n: number, runStartedAt: number): Observation[] {
  const out: Observation[] = [];
  const started = new Date(runStartedAt + 2000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (let i = 0; i < n; i++) {
    const t = i * 10;
    const ready = t > 22_000;
    if (i % 10 === 9) {
      out.push({ kind: 'event', t, object: 'slow-nginx', objectKind: 'Pod', type: 'Warning', reason: 'Unhealthy', message: 'Startup probe failed: dial tcp 10.88.0.7:80: connect: connection refused', count: 1 + (i % 7) });
      continue;
    }
    if (i % 10 === 8) {
      out.push({ kind: 'traffic', t, name: 'web', url: 'http://slow-nginx:80/', ok: ready, ...(ready ? { code: 200 } : { error: 'Connection refused' }) });
      continue;
    }
    out.push({
      kind: 'pod',
      t,
      pod: 'slow-nginx',
      snapshot: {
        name: 'slow-nginx',
        uid: 'u1',
        phase: 'Running',
        podIP: '10.88.0.7',
        conditions: [
          { type: 'PodReadyToStartContainers', status: 'True' },
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: ready ? 'True' : 'False' },
          { type: 'ContainersReady', status: ready ? 'True' : 'False' },
          { type: 'PodScheduled', status: 'True' },
        ],
        containers: [{ name: 'web', kind: 'app', state: 'running', startedAt: started, restartCount: 0, ready, started: ready }],
        columns: { name: 'slow-nginx', ready: ready ? '1/1' : '0/1', status: 'Running', restarts: '0', age: `${Math.floor(t / 1000)}s` },
      },
    });
  }
  return out;
}
