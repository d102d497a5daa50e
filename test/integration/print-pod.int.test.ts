// SPDX-License-Identifier: Apache-2.0
// Our printPod (used by `podlab print-pod` and by the observer) against the API server's own Table
// for the same pod objects, over ~45 s while the pods move through their states.
import type { PodSnapshot } from '@contract/observation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeApi } from '../../src-main/core/kube/kube-api';
import { NamespaceObserver } from '../../src-main/core/observe/namespace-observer';
import type { PodJson } from '../../src-main/core/observe/pod-json';
import { printPodWide } from '../../src-main/core/observe/print-pod';
import { POD_ZOO } from './pod-zoo';
import { sleep, testKube, testNamespace, until } from './cluster';

interface TableJson {
  columnDefinitions: Array<{ name: string }>;
  rows: Array<{ cells: unknown[]; object: PodJson & { metadata: { name: string; resourceVersion: string } } }>;
}

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const { rest } = testKube();
let ns: Awaited<ReturnType<typeof testNamespace>>;
let observer: NamespaceObserver;
const latest = new Map<string, PodSnapshot>();
const compared = new Map<string, number>();
const mismatches: string[] = [];
const observerCompared = new Map<string, number>();

async function table(r: KubeApi, namespace: string): Promise<TableJson> {
  return r.request<TableJson>('GET', `/api/v1/namespaces/${namespace}/pods`, { accept: TABLE, query: { includeObject: 'Object' } });
}

/** AGE and "(Xs ago)" depend on the moment of printing; the server printed within the last second or two. */
function matchesAtSomeMoment(obj: PodJson, cells: string[], now: number): boolean {
  for (const skew of [0, -1000, -2000, 1000]) {
    const ours = printPodWide(obj, new Date(now + skew));
    const theirs = { name: cells[0], ready: cells[1], status: cells[2], restarts: cells[3], age: cells[4], ip: cells[5], node: cells[6], nominatedNode: cells[7], readinessGates: cells[8] };
    if (JSON.stringify({ ...ours }) === JSON.stringify({ ...theirs })) return true;
  }
  return false;
}

beforeAll(async () => {
  ns = await testNamespace(rest, 'printpod');
  observer = new NamespaceObserver({ kube: rest, namespace: ns.name, runStartedAt: Date.now(), emit: (o) => o.kind === 'pod' && latest.set(o.pod, o.snapshot) });
  await observer.start();
  for (const p of POD_ZOO) await rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, { body: p });
  // A pod being deleted shows Terminating for the length of its preStop hook.
  await until('terminating pod running', 60_000, () => latest.get('terminating')?.phase === 'Running' || undefined);
  await rest.request('DELETE', `/api/v1/namespaces/${ns.name}/pods/terminating`);
}, 120_000);

afterAll(async () => {
  observer?.stop();
  await ns?.drop();
});

describe('printPod equals the API server Table', () => {
  it('for every pod, at every poll, over 45 s', async () => {
    const end = Date.now() + 45_000;
    while (Date.now() < end) {
      const t = await table(rest, ns.name);
      const now = Date.now();
      expect(t.columnDefinitions.slice(0, 5).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
      for (const row of t.rows) {
        const cells = row.cells.map(String);
        const name = row.object.metadata.name;
        if (matchesAtSomeMoment(row.object, cells, now)) compared.set(name, (compared.get(name) ?? 0) + 1);
        else mismatches.push(`${name}: server ${JSON.stringify(cells)} vs ours ${JSON.stringify(printPodWide(row.object, new Date(now)))}`);
        // The observer's columns for the very same object version (AGE aside: printed at another moment).
        const seen = latest.get(name);
        if (seen?.resourceVersion === row.object.metadata.resourceVersion) {
          expect({ ready: seen.columns.ready, status: seen.columns.status, restarts: seen.columns.restarts.split(' ')[0] }).toEqual({
            ready: cells[1],
            status: cells[2],
            restarts: cells[3]!.split(' ')[0],
          });
          observerCompared.set(name, (observerCompared.get(name) ?? 0) + 1);
        }
      }
      await sleep(1500);
    }
    expect(mismatches).toEqual([]);
    const zoo = POD_ZOO.map((p) => p.metadata.name).filter((n) => n !== 'terminating');
    for (const name of zoo) expect(compared.get(name) ?? 0, `rows compared for ${name}`).toBeGreaterThan(5);
    expect([...observerCompared.keys()].length).toBeGreaterThanOrEqual(zoo.length - 2);
  }, 90_000);

  it('saw the states the zoo is for', () => {
    const statuses = new Set([...latest.values()].map((s) => s.columns.status));
    for (const s of ['Running', 'Completed', 'Error', 'Pending', 'ErrImageNeverPull']) expect(statuses, [...statuses].join(', ')).toContain(s);
    expect(latest.get('init-waiting')?.columns.status).toBe('Init:0/1');
    expect(latest.get('gated')?.columns.ready).toBe('1/1');
  });
});

