// SPDX-License-Identifier: Apache-2.0
// The run service on a real SQLite store and a recorded fake API: a run ends (recorded, run:ended)
// as soon as its namespace's deletion is accepted, and a namespace a finalizer then holds is told
// afterwards, on the run's record and as run:namespace-stuck, the outcome kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEvents } from '@contract/api';
import { afterEach, expect, it } from 'vitest';
import type { ClusterService } from '../../../src-main/core/cluster/cluster-service';
import { KubeApiError } from '../../../src-main/core/kube/kube-api';
import { RunService } from '../../../src-main/core/run/run-service';
import { loadScenarioText } from '../../../src-main/core/scenarios/loader';
import { Store } from '../../../src-main/core/store/store';
import { Emitter } from '../../../src-main/core/util/emitter';
import { createLineLogger } from '../../../src-main/core/util/log';
import { RecordedKube } from '../../fakes/recorded-kube';
import { VirtualClock } from '../../fakes/virtual-clock';
import { onePodScenario } from '../../fixtures/one-pod-lesson';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: docker.io/library/busybox:1.36 }]\n';
const HELD = 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

it('ends a run once the deletion is accepted, then records and tells a namespace a finalizer holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-run-service-'));
  dirs.push(dir);
  const { scenario } = await loadScenarioText('/l/demo', '/l/demo/scenario.yaml', onePodScenario('demo', { timeoutSeconds: 5 }), async () => POD);
  const store = Store.open(join(dir, 'podlab.db'));
  store.importScenarios([scenario!]);
  const kube = new RecordedKube();
  let deleted = false;
  kube.on('DELETE', /^\/api\/v1\/namespaces\/[^/]+$/, () => ((deleted = true), { kind: 'Status', status: 'Success' }));
  kube.on('GET', /^\/api\/v1\/namespaces\/[^/]+$/, (call) =>
    deleted ? { ...kube.get(call.path)!, status: { phase: 'Terminating', conditions: [{ type: 'NamespaceFinalizersRemaining', status: 'True', message: HELD }] } } : undefined,
  );
  const events = new Emitter<AppEvents>();
  const seen: string[] = [];
  let errorAtEnd: string | undefined = 'not ended';
  events.on('run:ended', (e) => {
    seen.push(`ended ${e.status} ${e.error ?? ''}`.trim());
    errorAtEnd = store.runs.get(e.runId)?.error;
  });
  events.on('run:namespace-stuck', (e) => seen.push(`stuck ${e.problem}`));
  const cluster = { name: 'lab', kube: async () => kube } as unknown as ClusterService;
  const logged: string[] = [];
  const runs = new RunService({ store, cluster, events, clock: new VirtualClock(), log: createLineLogger((l) => logged.push(l), 'debug') });

  const { runId, done } = runs.launch('demo', undefined, { preflightedOn: kube });
  const result = await done;
  // Ended, and recorded, before anyone knew the namespace would stay.
  expect(seen[0]).toBe(`ended ${result.outcome}${result.error ? ` ${result.error}` : ''}`);
  expect(errorAtEnd ?? '').not.toMatch(/stuck/);
  expect(result.error ?? '').not.toMatch(/stuck/);

  await runs.stopAll(); // waits for what is followed
  expect(seen[1]).toMatch(new RegExp(`^stuck namespace podlab-${runId} is stuck deleting: ${HELD}; remove those finalizers`));
  expect(seen).toHaveLength(2);
  const record = store.runs.get(runId)!;
  expect(record.status).toBe(result.outcome);
  expect(record.error).toMatch(/is stuck deleting: .*example\.com\/hold/);
  if (result.error) expect(record.error!.startsWith(`${result.error}; `)).toBe(true);
  expect(logged.some((l) => /stuck deleting/.test(l))).toBe(true);
  store.close();
});

it('records a run podlab itself stopped (shutdown) as interrupted, and a learner-stopped one as aborted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-run-service-'));
  dirs.push(dir);
  const { scenario } = await loadScenarioText('/l/demo', '/l/demo/scenario.yaml', onePodScenario('demo', { timeoutSeconds: 60 }), async () => POD);
  const store = Store.open(join(dir, 'podlab.db'));
  store.importScenarios([scenario!]);
  const kube = new RecordedKube();
  // A kubeconfig that may not list nodes: the preflight skips its node checks.
  kube.on('GET', /^\/api\/v1\/nodes$/, (call) => {
    throw new KubeApiError(403, 'GET', call.path, { message: 'nodes is forbidden' });
  });
  const cluster = { name: 'lab', kube: async () => kube, provider: { kind: 'existing' } } as unknown as ClusterService;
  const runs = new RunService({ store, cluster, events: new Emitter<AppEvents>(), clock: new VirtualClock(), log: createLineLogger(() => {}, 'debug') });

  const stopped = runs.launch('demo', undefined, { preflightedOn: kube });
  await runs.stop(stopped.runId);
  expect((await stopped.done).outcome).toBe('aborted');
  expect(store.runs.get(stopped.runId)).toMatchObject({ status: 'aborted', error: 'the run was stopped' });

  // Launched without a cluster checked first: the shutdown comes while it is still being checked.
  const interrupted = runs.launch('demo');
  await runs.stopAll('podlab shut down while this run was in progress');
  expect((await interrupted.done).outcome).toBe('interrupted');
  expect(store.runs.get(interrupted.runId)).toMatchObject({ status: 'interrupted', error: 'podlab shut down while this run was in progress' });
  expect(store.runs.progress()).toEqual({ demo: 'in-progress' });
  store.close();
});

it('judges a run whose edit is one of the lesson’s variations by the variation’s expectations, and any other edit by the lesson’s', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-run-service-'));
  dirs.push(dir);
  const variation = `  variations:
    - id: other-image
      title: { en: Another image, zh: 换个镜像 }
      change: { file: pod.yaml, path: "spec.containers[name=c].image", value: "docker.io/library/alpine:3.20" }
      effect: { en: It exits., zh: 它退出。 }
      expect:
        drop: [runs]
        add:
          - { id: exits, explain: { en: It exits., zh: 它退出。 }, final: { container: c, state: terminated } }
`;
  const { scenario, problems } = await loadScenarioText('/l/demo', '/l/demo/scenario.yaml', onePodScenario('demo', { timeoutSeconds: 2 }) + variation, async () => POD);
  expect(problems).toEqual([]);
  const store = Store.open(join(dir, 'podlab.db'));
  store.importScenarios([scenario!]);
  const kube = new RecordedKube();
  const cluster = { name: 'lab', kube: async () => kube } as unknown as ClusterService;
  const runs = new RunService({ store, cluster, events: new Emitter<AppEvents>(), clock: new VirtualClock(), log: createLineLogger(() => {}, 'info') });
  const change = { file: 'pod.yaml', path: 'spec.containers[name=c].image' };

  const asVariation = await runs.edit('demo', [{ ...change, value: 'docker.io/library/alpine:3.20' }]);
  expect(asVariation.variation).toBe(0);
  const varied = await runs.launch('demo', asVariation, { preflightedOn: kube }).done;
  expect(varied.verdicts.map((v) => v.expectationId)).toEqual(['exits']);

  const otherEdit = await runs.edit('demo', [{ ...change, value: 'docker.io/library/busybox:1.28' }]);
  expect(otherEdit.variation).toBeUndefined();
  const plain = await runs.launch('demo', otherEdit, { preflightedOn: kube }).done;
  expect(plain.verdicts.map((v) => v.expectationId)).toEqual(['runs']);
  await runs.stopAll();
  store.close();
});
