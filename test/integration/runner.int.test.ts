// SPDX-License-Identifier: Apache-2.0
// The runner on the real cluster: nothing half-applied, namespaces that are not ours untouched,
// interrupted runs cleaned up, and a run's namespace always deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedScenario } from '@contract/scenario';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRunNamespace } from '../../src-main/core/kube/namespaces';
import { recoverInterruptedRuns } from '../../src-main/core/recovery';
import { loadScenarioDir, loadScenarioText } from '../../src-main/core/scenarios/loader';
import { runScenario } from '../../src-main/core/run/run-scenario';
import { Store } from '../../src-main/core/store/store';
import { noopLogger } from '../../src-main/core/util/log';
import { onePodScenario } from '../fixtures/one-pod-lesson';
import { namespaceGoneOrGoing, testKube, testNamespace, until } from './cluster';

const { rest } = testKube();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function slowNginx(): Promise<LoadedScenario> {
  const { scenario } = await loadScenarioDir(new URL('../../scenarios/startup-probe-slow-nginx', import.meta.url).pathname);
  return scenario!;
}

describe('runs on the test cluster', () => {
  it('refuses a manifest the API server rejects, before creating anything, and deletes its namespace', async () => {
    const good = await slowNginx();
    const broken: LoadedScenario = {
      ...good,
      manifests: { 'slow-nginx.yaml': good.manifests['slow-nginx.yaml']!.replace('  containers:', '  restartPolicy: Sometimes\n  containers:') },
    };
    const created: string[] = [];
    const result = await runScenario({ scenario: broken, kube: rest, hooks: { onObservation: (o) => o.kind === 'pod' && created.push(o.pod) } });
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/refused.*nothing was created/s);
    expect(result.error).toMatch(/slow-nginx\.yaml: Pod slow-nginx: .*restartPolicy/s);
    expect(created).toEqual([]);
    expect(await namespaceGoneOrGoing(result.namespace)).toBe(true);
  }, 60_000);

  it('refuses to delete a namespace it did not create', async () => {
    await expect(deleteRunNamespace(rest, 'default', 'anything')).rejects.toThrow(/was not created by podlab/);
    const mine = await testNamespace(rest, 'owner');
    await expect(deleteRunNamespace(rest, mine.name, 'another-run')).rejects.toThrow(/NAMESPACE_NOT_OURS|was not created by podlab for run another-run/);
    await mine.drop();
  }, 60_000);

  it('cleans up after a run a crash interrupted: its namespace deleted, the run marked interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-recover-'));
    dirs.push(dir);
    const store = Store.open(join(dir, 'podlab.db'));
    const scenario = await slowNginx();
    const { version } = store.scenarios.import(scenario);
    const ns = await testNamespace(rest, 'crashed');
    store.runs.create({ id: ns.runId, scenarioId: scenario.id, scenarioVersion: version, namespace: ns.name, cluster: 'test', startedAt: new Date().toISOString(), params: {}, manifests: {} });
    const report = await recoverInterruptedRuns(store, rest, noopLogger);
    expect(report).toMatchObject({ interrupted: [ns.runId], namespacesDeleted: [ns.name], failures: [] });
    expect(store.runs.get(ns.runId)?.status).toBe('interrupted');
    expect(await namespaceGoneOrGoing(ns.name)).toBe(true);
    store.close();
  }, 60_000);

  it('deletes the namespace when a run is stopped midway', async () => {
    const controller = new AbortController();
    let namespace = '';
    const done = runScenario({ scenario: await slowNginx(), kube: rest, signal: controller.signal, hooks: { onCreated: (r) => (namespace = r.namespace), onObservation: (o) => o.kind === 'pod' && controller.abort() } });
    const result = await done;
    expect(result.outcome).toBe('aborted');
    await until('namespace deleted', 30_000, async () => (await namespaceGoneOrGoing(namespace)) || undefined);
  }, 120_000);

  it('keeps each container\'s log as the API server sends it, before the namespace goes', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: { name: talker }\nspec:\n  containers:\n    - name: app\n      image: docker.io/library/busybox:1.36\n      imagePullPolicy: IfNotPresent\n      command: [sh, -c, "echo hello from the app; echo and its second line; sleep 3600"]\n';
    const text = onePodScenario('talker', {
      subject: 'talker',
      steps: '    - apply: pod.yaml\n    - waitFor: { phase: Running }\n    - sleep: 2',
      expectations: '    - id: runs\n      explain: { en: It runs., zh: 它运行。 }\n      becomes: { phase: Running }\n      within: { from: 0, to: 30 }',
    });
    const { scenario } = await loadScenarioText('/l/talker', '/l/talker/scenario.yaml', text, async () => pod);
    let logs: Array<{ container: string; previous: boolean; text: string }> = [];
    const result = await runScenario({ scenario: scenario!, kube: rest, hooks: { onLogs: (l) => (logs = l) } });
    expect(result.outcome).toBe('passed');
    expect(logs).toEqual([{ pod: 'talker', container: 'app', previous: false, text: 'hello from the app\nand its second line\n' }]);
  }, 90_000);
});
