// SPDX-License-Identifier: Apache-2.0
// The attack suite (issue #10): the pods an audit got root on the node with — hostPID, hostNetwork,
// a privileged container, a hostPath of / mounted at /host whose container writes a file on the
// host — tried through a lesson folder, through a What-if edit, through the API's dispatch and
// straight through the runner. podlab refuses each before anything reaches the cluster; with
// podlab's own check switched off, the run namespace's Pod Security label still refuses each.
// A sentinel namespace, not podlab's, survives the whole suite untouched.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedScenario } from '@contract/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/core/api-dispatch';
import { Engine } from '../../src-main/core/engine';
import { KubeApiError } from '../../src-main/core/kube/kube-api';
import { loadScenarioDir } from '../../src-main/core/scenarios/loader';
import { runScenario } from '../../src-main/core/run/run-scenario';
import { noopLogger } from '../../src-main/core/util/log';
import { onePodScenario } from '../fixtures/one-pod-lesson';
import { testKube, testKubeconfig, until } from './cluster';

const { rest } = testKube();
const tag = randomBytes(3).toString('hex');
/** What the hostPath attack's container writes, if it ever runs: a file on this machine, the node. */
const MARKER = `/tmp/podlab-attack-${tag}`;
const SENTINEL = `sentinel-${tag}`;
const tmp = mkdtempSync(join(tmpdir(), 'podlab-attack-'));

const CONTAINER = `    - name: c
      image: docker.io/library/busybox:1.36
      imagePullPolicy: IfNotPresent
      command: [sh, -c, "touch /host${MARKER} 2>/dev/null; sleep 3600"]
`;
const podWith = (spec: string, container = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n${CONTAINER}${container}`;
const ATTACKS: Record<string, { manifest: string; refusedAt: RegExp; admission: RegExp }> = {
  hostPID: { manifest: podWith('  hostPID: true\n'), refusedAt: /pod\.yaml:6:12: spec\.hostPID: /, admission: /host namespaces \(hostPID=true\)/ },
  hostNetwork: { manifest: podWith('  hostNetwork: true\n'), refusedAt: /pod\.yaml:6:16: spec\.hostNetwork: /, admission: /host namespaces \(hostNetwork=true\)/ },
  privileged: { manifest: podWith('', '      securityContext: { privileged: true }\n'), refusedAt: /pod\.yaml:11:38: spec\.containers\[0\]\.securityContext\.privileged: /, admission: /privileged \(container "c" must not set securityContext\.privileged=true\)/ },
  hostPath: {
    manifest: podWith('  volumes: [{ name: host, hostPath: { path: / } }]\n', '      volumeMounts: [{ name: host, mountPath: /host }]\n'),
    refusedAt: /pod\.yaml:6:37: spec\.volumes\[0\]\.hostPath: /,
    admission: /hostPath volumes \(volume "host"\)/,
  },
};


/** A lesson folder `id` under root holding `manifest` as pod.yaml. */
function writeLesson(root: string, id: string, manifest: string): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scenario.yaml'), onePodScenario(id));
  writeFileSync(join(dir, 'pod.yaml'), manifest);
  return dir;
}

/** podlab's namespaces for a lesson id: if none appears, nothing of the attempt reached the cluster. */
async function runNamespaces(scenarioId: string): Promise<string[]> {
  const list = await rest.request<{ items: Array<{ metadata: { name: string } }> }>('GET', '/api/v1/namespaces', { query: { labelSelector: `podlab.dev/scenario=${scenarioId}` } });
  return list.items.map((n) => n.metadata.name);
}

async function sentinelState(): Promise<{ uid: string; phase?: string; data?: Record<string, string> }> {
  const ns = await rest.request<{ metadata: { uid: string }; status?: { phase?: string } }>('GET', `/api/v1/namespaces/${SENTINEL}`);
  const cm = await rest.request<{ data?: Record<string, string> }>('GET', `/api/v1/namespaces/${SENTINEL}/configmaps/keep`);
  return { uid: ns.metadata.uid, ...(ns.status?.phase ? { phase: ns.status.phase } : {}), ...(cm.data ? { data: cm.data } : {}) };
}

let sentinelBefore: Awaited<ReturnType<typeof sentinelState>>;
let engine: Engine;

beforeAll(async () => {
  await rest.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SENTINEL } } });
  await until('the sentinel namespace', 30_000, async () => rest.request('GET', `/api/v1/namespaces/${SENTINEL}/serviceaccounts/default`).then(() => true, () => undefined));
  await rest.request('POST', `/api/v1/namespaces/${SENTINEL}/configmaps`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' }, data: { secret: tag } } });
  sentinelBefore = await sentinelState();
  engine = await Engine.create({ dataDir: join(tmp, 'data'), scenariosDir: new URL('../../scenarios', import.meta.url).pathname, kubeconfig: testKubeconfig(), log: noopLogger });
}, 60_000);

afterAll(async () => {
  await engine?.close();
  // The suite's last check: everything above left the sentinel as it was.
  expect(await sentinelState()).toEqual(sentinelBefore);
  expect(existsSync(MARKER), `${MARKER} was written on the node`).toBe(false);
  await rest.request('DELETE', `/api/v1/namespaces/${SENTINEL}`).catch((e: unknown) => {
    if (!(e instanceof KubeApiError && e.status === 404)) throw e;
  });
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe.each(Object.entries(ATTACKS))('the %s attack', (name, attack) => {
  const id = `attack-${name.toLowerCase()}-${tag}`;

  it('in a lesson folder: refused at its file:line:field when loaded, and the engine will not start on it', async () => {
    const root = join(tmp, `lessons-${name}`);
    const dir = writeLesson(root, id, attack.manifest);
    const { scenario, problems } = await loadScenarioDir(dir);
    expect(scenario).toBeUndefined();
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`).join('\n')).toMatch(attack.refusedAt);
    await expect(Engine.create({ dataDir: join(tmp, `data-${name}`), scenariosDir: root, kubeconfig: testKubeconfig(), log: noopLogger })).rejects.toMatchObject({ code: 'SCENARIO_INVALID' });
    expect(await runNamespaces(id)).toEqual([]);
  });

  it('as a What-if edit and through the API dispatch: refused before a run has an id', async () => {
    const before = await runNamespaces('startup-probe-slow-nginx');
    const edits = { hostPID: ['spec.hostPID', true], hostNetwork: ['spec.hostNetwork', true], privileged: ['spec.containers[name=web].securityContext.privileged', true], hostPath: ['spec.volumes[0].hostPath.path', '/'] }[name] as [string, boolean | string];
    const edit = { file: 'slow-nginx.yaml', path: edits[0], value: edits[1] };
    await expect(engine.startRun({ scenarioId: 'startup-probe-slow-nginx', edits: [edit] })).rejects.toMatchObject({ code: 'EDIT_INVALID', message: expect.stringMatching(/is not a field this lesson lets you change/) });
    const envelope = await dispatch(engine, 'startRun', [{ scenarioId: 'startup-probe-slow-nginx', edits: [edit] }], noopLogger);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'EDIT_INVALID' } });
    expect(await runNamespaces('startup-probe-slow-nginx')).toEqual(before);
  });

  it('handed to the runner directly (past the loader): refused before anything is sent', async () => {
    const scenario = await hostileScenario(id, attack.manifest);
    const result = await runScenario({ scenario, kube: rest });
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/^podlab refused to run .* \(nothing was sent to the cluster\):\n/);
    expect(result.error).toMatch(attack.refusedAt);
    expect(await runNamespaces(id)).toEqual([]);
  });

  it("with podlab's own check switched off: the run namespace's Pod Security label refuses it (403), and the namespace is deleted", async () => {
    const scenario = await hostileScenario(id, attack.manifest);
    let namespace = '';
    const result = await runScenario({ scenario, kube: rest, podSecurity: false, hooks: { onCreated: (r) => (namespace = r.namespace) } });
    expect(namespace).not.toBe('');
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/the API server refused a manifest \(nothing was created\)/);
    expect(result.error).toMatch(/violates PodSecurity "baseline:latest"/);
    expect(result.error).toMatch(attack.admission);
    await until(`${namespace} deleted`, 60_000, async () => ((await runNamespaces(id)).includes(namespace) ? undefined : true));
  }, 90_000);
});

/** A loaded lesson whose manifest is swapped for the attack after loading, as a bypass of the loader would. */
async function hostileScenario(id: string, manifest: string): Promise<LoadedScenario> {
  const dir = writeLesson(join(tmp, `benign-${id}`), id, podWith(''));
  const { scenario } = await loadScenarioDir(dir);
  return { ...scenario!, manifests: { 'pod.yaml': manifest } };
}
