// SPDX-License-Identifier: Apache-2.0
// Probe lanes from a constructed run and its manifest: the delay span, predicted ticks in step with
// the one seen, failures counted toward the threshold, the success inferred from the status.
import type { Observation, PodSnapshot } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { podPlans } from '../../src-renderer/src/lib/pod-plan';
import { probeLanes } from '../../src-renderer/src/lib/probe-lanes';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: app
      image: nginx
      startupProbe: { httpGet: { path: /, port: 80 }, initialDelaySeconds: 20, periodSeconds: 5, failureThreshold: 2 }
      readinessProbe: { httpGet: { path: /, port: 80 } }
      lifecycle: { preStop: { exec: { command: ["sh", "-c", "sleep 15"] } } }
`;

function at(t: number, state: 'running' | 'waiting', restartCount: number, started: boolean, ready: boolean): Observation {
  const snapshot: PodSnapshot = {
    name: 'web', uid: 'u', phase: 'Running', conditions: [],
    containers: [{ name: 'app', kind: 'app', state, restartCount, started, ready }],
    columns: { name: 'web', ready: ready ? '1/1' : '0/1', status: 'Running', restarts: String(restartCount), age: '1s' },
  };
  return { kind: 'pod', t, pod: 'web', snapshot };
}

describe('probe lanes', () => {
  it('reads probes with the API defaults, the preStop sleep and the default grace from the manifest', () => {
    const plan = podPlans({ 'pod.yaml': MANIFEST, 'bad.yaml': ': : :' }).web!;
    expect(plan.graceSeconds).toBe(30);
    expect(plan.containers.app).toEqual({
      probes: {
        startup: { initialDelaySeconds: 20, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 2, successThreshold: 1 },
        readiness: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 },
      },
      preStopSeconds: 15,
    });
  });

  it('draws the delay, ticks in step with the failure seen, and the success inferred from started', () => {
    const obs: Observation[] = [
      at(2000, 'running', 0, false, false),
      { kind: 'event', t: 23500, object: 'web', objectKind: 'Pod', fieldPath: 'spec.containers{app}', type: 'Warning', reason: 'Unhealthy', message: 'Startup probe failed: connection refused', count: 1 },
      at(28600, 'running', 0, true, false),
      at(29000, 'running', 0, true, true),
    ];
    const lanes = probeLanes(obs, podPlans({ 'pod.yaml': MANIFEST }), 40000);
    const startup = lanes.find((l) => l.id === 'probe/web/app/startup')!;
    expect(startup.segments).toMatchObject([{ from: 2000, to: 22000, label: 'initialDelaySeconds 20 s', tone: 'idle' }]);
    // where it comes from, for the mark's details: the manifest's probe, and the kubectl that shows it
    expect(startup.segments[0]!.source).toEqual({ field: 'spec.containers[name=app].startupProbe', kubectl: `kubectl get pod web -o jsonpath='{.spec.containers[?(@.name=="app")].startupProbe}'` });
    expect(startup.ticks.map((k) => [k.t, k.mark, k.tone])).toEqual([
      [23500, 'o', 'idle'],
      [23500, '●', 'bad'],
      [28500, 'o', 'idle'],
      [28600, '●', 'ok'],
    ]);
    expect(startup.ticks[1]!.label).toMatch(/1\/2 toward a restart/);
    expect(startup.ticks[3]!.label).toMatch(/inferred/);
    // Readiness starts only once the startup probe has passed; no tick seen yet, so its first is a span.
    const readiness = lanes.find((l) => l.id === 'probe/web/app/readiness')!;
    expect(readiness.segments).toMatchObject([{ from: 28600, to: 38600, label: 'first readiness tick due', tone: 'idle' }]);
    expect(readiness.ticks.map((k) => [k.t, k.tone])).toEqual([[29000, 'ok']]);
  });
});

describe('counting failures toward the threshold', () => {
  it('counts failures in a row, and starts again after the success', () => {
    const liveness = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: app
      image: nginx
      readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 5, failureThreshold: 3 }
`;
    const fail = (t: number): Observation => ({ kind: 'event', t, object: 'web', objectKind: 'Pod', fieldPath: 'spec.containers{app}', type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: 503', count: 1 });
    const obs: Observation[] = [at(1000, 'running', 0, true, false), fail(6000), fail(11000), at(16500, 'running', 0, true, true), fail(21000), fail(26000), fail(31000)];
    const lane = probeLanes(obs, podPlans({ 'pod.yaml': liveness }), 40000).find((l) => l.id === 'probe/web/app/readiness')!;
    expect(lane.ticks.filter((k) => k.tone === 'bad').map((k) => /\((\d)\/3/.exec(k.label)![1])).toEqual(['1', '2', '1', '2', '3']);
  });
});
