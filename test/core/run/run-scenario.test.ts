// SPDX-License-Identifier: Apache-2.0
// The runner through the Kubernetes seam: a recorded fake API and a virtual clock stand in for
// the cluster and time, so each path through a run — passed, failed, refused, broken down,
// stopped, cleanup trouble — is checked for what it sends, what it reports and what it leaves.
// That a kubelet does what the lessons say is the real-cluster suite's job, not this file's.
import { describe, expect, it } from 'vitest';
import type { Observation } from '@contract/observation';
import type { LoadedScenario } from '@contract/scenario';
import type { Verdict } from '@contract/verdict';
import { KubeApiError } from '../../../src-main/core/kube/kube-api';
import { runScenario, type RunResult } from '../../../src-main/core/run/run-scenario';
import { loadScenarioText } from '../../../src-main/core/scenarios/loader';
import { RecordedKube } from '../../fakes/recorded-kube';
import { VirtualClock } from '../../fakes/virtual-clock';
import { onePodScenario } from '../../fixtures/one-pod-lesson';

const POD = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: app
      image: docker.io/library/busybox:1.36
      command: [sleep, "3600"]
`;

function lesson(steps: string, expectations: string, timeoutSeconds = 60, pod = POD): Promise<LoadedScenario> {
  const text = onePodScenario('fake-run', { subject: 'web', steps, expectations, timeoutSeconds });
  return loadScenarioText('/lessons/fake-run', '/lessons/fake-run/scenario.yaml', text, async () => pod).then((r) => {
    if (!r.scenario) throw new Error(`test lesson invalid: ${JSON.stringify(r.problems)}`);
    return r.scenario;
  });
}

const RUNNING_BY_5S = `    - id: runs
      explain: { en: It runs., zh: 它运行。 }
      becomes: { phase: Running }
      within: { from: 0, to: 5 }`;

interface Harness {
  kube: RecordedKube;
  clock: VirtualClock;
  observations: Observation[];
  verdicts: Verdict[];
  logs: number;
  run(scenario: LoadedScenario, options?: { signal?: AbortSignal; podSecurity?: boolean }): Promise<RunResult>;
  podPath(): string;
  /** the kubelet's part: the pod runs `afterMs` after it was created */
  startPodAfter(afterMs: number): void;
}

function harness(): Harness {
  const kube = new RecordedKube();
  const clock = new VirtualClock();
  const h: Harness = {
    kube,
    clock,
    observations: [],
    verdicts: [],
    logs: 0,
    podPath: () => {
      const ns = kube.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/namespaces')?.body as { metadata: { name: string } } | undefined;
      return `/api/v1/namespaces/${ns?.metadata.name}/pods/web`;
    },
    startPodAfter(afterMs) {
      kube.on('PATCH', /\/pods\/web$/, (call) => {
        if (call.query.dryRun) return undefined;
        clock.at(clock.now() + afterMs, () =>
          kube.update(h.podPath(), (pod) => {
            const at = new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
            pod.status = {
              phase: 'Running',
              conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: at }],
              containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'docker.io/library/busybox:1.36', imageID: '', state: { running: { startedAt: at } } }],
            };
          }),
        );
        return undefined;
      });
    },
    run: (scenario, options = {}) =>
      runScenario({
        scenario,
        kube,
        clock,
        ...options,
        hooks: { onObservation: (o) => h.observations.push(o), onVerdicts: (v) => h.verdicts.push(...v), onLogs: (l) => (h.logs = l.length) },
      }),
  };
  return h;
}

const namespacesLeft = (kube: RecordedKube) => kube.log(true).filter((l) => l === 'POST /api/v1/namespaces').length - kube.log(true).filter((l) => /^DELETE \/api\/v1\/namespaces\/[^/]+$/.test(l)).length;

describe('runScenario through the KubeApi seam', () => {
  it('passes a lesson the cluster follows: namespace, dry run, apply, judged, logs kept, namespace deleted', async () => {
    const h = harness();
    h.startPodAfter(2000);
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    expect(result.outcome, result.error).toBe('passed');
    expect(result.verdicts.map((v) => [v.expectationId, v.state])).toEqual([['runs', 'pass']]);
    const ns = result.namespace;
    expect(h.kube.log(true)).toEqual([
      'POST /api/v1/namespaces',
      `PATCH /api/v1/namespaces/${ns}/pods/web (dry run)`,
      `PATCH /api/v1/namespaces/${ns}/pods/web`,
      `DELETE /api/v1/namespaces/${ns}`,
    ]);
    expect(h.logs).toBe(1);
    // the step and the pod on one timeline, in run time
    const steps = h.observations.filter((o) => o.kind === 'step').map((o) => o.kind === 'step' && o.phase);
    expect(steps).toEqual(['started', 'done']);
    const running = h.observations.find((o) => o.kind === 'pod' && o.snapshot.phase === 'Running');
    expect(running?.t).toBe(2000);
  });

  it('fails, not errors, a lesson the cluster does not follow, judged on what was seen', async () => {
    const h = harness(); // nothing ever starts the pod
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    expect(result.outcome).toBe('failed');
    expect(result.error).toBeUndefined();
    expect(result.verdicts[0]).toMatchObject({ expectationId: 'runs', state: 'fail' });
    expect(namespacesLeft(h.kube)).toBe(0);
  });

  it('a waitFor step that times out is the lesson failing, with the step named', async () => {
    const h = harness();
    const steps = `    - apply: pod.yaml
    - waitFor: { phase: Running }
      timeoutSeconds: 3`;
    const result = await h.run(await lesson(steps, RUNNING_BY_5S));
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/step 2 \(step-2, waitFor\) failed: .*did not happen within 3 s/);
    expect(result.verdicts[0]?.state).toBe('fail');
  });

  it('a waitFor step sees the same timeline the verdicts are judged on', async () => {
    const h = harness();
    h.startPodAfter(1500);
    const steps = `    - apply: pod.yaml
    - waitFor: { phase: Running }
    - id: after-running
      sleep: 1`;
    const result = await h.run(await lesson(steps, RUNNING_BY_5S));
    expect(result.outcome, result.error).toBe('passed');
    const waited = h.observations.find((o) => o.kind === 'step' && o.id === 'step-2' && o.phase === 'done');
    expect(waited?.t).toBe(1500);
  });

  it('refuses a manifest the loader would refuse before sending anything at all', async () => {
    const h = harness();
    const scenario = await lesson('    - apply: pod.yaml', RUNNING_BY_5S);
    const edited = { ...scenario, manifests: { 'pod.yaml': POD.replace('spec:\n', 'spec:\n  hostPID: true\n') } };
    const result = await h.run(edited);
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/refused to run fake-run \(nothing was sent to the cluster\)[\s\S]*hostPID/);
    expect(h.kube.calls).toEqual([]);
  });

  it('stops at the dry run when the API server refuses a manifest: nothing created, namespace deleted', async () => {
    const h = harness();
    h.kube.on('PATCH', /\/pods\/web$/, (call) => {
      if (call.query.dryRun) throw new KubeApiError(422, 'PATCH', call.path, { message: 'Pod "web" is invalid: spec.containers[0].image: Required value' });
      return undefined;
    });
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/API server refused[\s\S]*Required value/);
    expect(h.kube.log(true).filter((l) => l.startsWith('PATCH') && !l.endsWith('(dry run)'))).toEqual([]);
    expect(namespacesLeft(h.kube)).toBe(0);
    // pending verdicts of a breakdown are not left pending
    expect(h.verdicts.every((v) => v.state !== 'pass')).toBe(true);
  });

  it('a stop mid-run is aborted: what was pending is closed as not decided, and the namespace goes', async () => {
    const h = harness();
    const stop = new AbortController();
    h.clock.at(h.clock.now() + 2000, () => stop.abort());
    const result = await h.run(await lesson('    - apply: pod.yaml\n    - sleep: 30', RUNNING_BY_5S.replace('to: 5', 'to: 50')), { signal: stop.signal });
    expect(result.outcome).toBe('aborted');
    expect(result.verdicts[0]).toMatchObject({ state: 'fail', detail: 'not decided: the run was stopped', detailZh: '未判定：运行已被停止' });
    expect(namespacesLeft(h.kube)).toBe(0);
  });

  it('says so when the namespace cannot be deleted, after retrying, and keeps the outcome', async () => {
    const h = harness();
    h.startPodAfter(1000);
    h.kube.on('DELETE', /^\/api\/v1\/namespaces\/[^/]+$/, (call) => {
      throw new KubeApiError(503, 'DELETE', call.path, { message: 'the server is currently unable to handle the request' });
    });
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    expect(result.outcome).toBe('passed');
    expect(result.error).toMatch(/namespace podlab-fake-run-\S+ was not deleted \(.*503.*\); podlab deletes it at its next start/);
    expect(h.kube.log(true).filter((l) => l.startsWith('DELETE')).length).toBe(8);
  });

  it('a namespace that never gets its default ServiceAccount is a breakdown after 30 s, and is deleted', async () => {
    const h = harness();
    h.kube.on('GET', /\/serviceaccounts\/default$/, (call) => {
      throw new KubeApiError(404, 'GET', call.path, { message: 'serviceaccounts "default" not found' });
    });
    const began = h.clock.now();
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/got no default ServiceAccount within 30 s \(is the controller-manager running\?\)/);
    expect(h.clock.now() - began).toBeGreaterThanOrEqual(30_000);
    expect(h.kube.log(true).filter((l) => l.startsWith('PATCH'))).toEqual([]);
    expect(namespacesLeft(h.kube)).toBe(0);
  });

  it('ends once the deletion is accepted, then names the finalizer that keeps the namespace Terminating', async () => {
    const h = harness();
    h.startPodAfter(1000);
    let deleted = false;
    h.kube.on('DELETE', /^\/api\/v1\/namespaces\/[^/]+$/, () => {
      deleted = true;
      return { kind: 'Status', status: 'Success' };
    });
    h.kube.on('GET', /^\/api\/v1\/namespaces\/[^/]+$/, (call) => {
      if (!deleted) return undefined;
      const ns = h.kube.get(call.path)!;
      return { ...ns, status: { phase: 'Terminating', conditions: [{ type: 'NamespaceFinalizersRemaining', status: 'True', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances' }] } };
    });
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    expect(result.outcome).toBe('passed');
    expect(result.error).toBeUndefined();
    expect(await result.namespaceDeletion).toMatch(/is stuck deleting: Some content .*example\.com\/hold.*; remove those finalizers/);
  });

  it('does not wait for the namespace controller: the run ends as the deletion is accepted', async () => {
    const h = harness();
    h.startPodAfter(1000);
    let deleted = false;
    h.kube.on('DELETE', /^\/api\/v1\/namespaces\/[^/]+$/, () => {
      deleted = true;
      return { kind: 'Status', status: 'Success' };
    });
    // Terminating with its content still going (a pod in its grace period), as the controller says for seconds.
    h.kube.on('GET', /^\/api\/v1\/namespaces\/[^/]+$/, (call) => (deleted ? { ...h.kube.get(call.path)!, status: { phase: 'Terminating' } } : undefined));
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    const endedAt = h.clock.now();
    expect(result.outcome).toBe('passed');
    const namespaceGets = () => h.kube.log().filter((l) => /^GET \/api\/v1\/namespaces\/[^/?]+$/.test(l)).length;
    const getsAtEnd = namespaceGets();
    expect(await result.namespaceDeletion).toBeUndefined();
    // …and only then was the namespace watched, for up to 10 s of the run's clock.
    expect(namespaceGets()).toBeGreaterThan(getsAtEnd);
    expect(h.clock.now() - endedAt).toBeGreaterThanOrEqual(10_000);
  });

  it('an API server that is down from the start is an error before any namespace exists', async () => {
    const h = harness();
    h.kube.on('GET', /^\/version$/, () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    });
    const result = await h.run(await lesson('    - apply: pod.yaml', RUNNING_BY_5S));
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(h.kube.log(true)).toEqual([]);
    expect(result.verdicts).toEqual([]);
  });
});
