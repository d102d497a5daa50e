// SPDX-License-Identifier: Apache-2.0
// Shared set-up for the real-cluster suite: the test cluster's kubeconfig and throwaway namespaces.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { KubeConfig as KubeConfigClass, type KubeConfig } from '@kubernetes/client-node';
import { ClientNodeKube } from '../../src-main/core/kube/client-node-kube';
import { KubeApiError, type KubeApi } from '../../src-main/core/kube/kube-api';
import { createRunNamespace, deleteRunNamespace, waitDefaultServiceAccount } from '../../src-main/core/kube/namespaces';

export const CLUSTER_DIR = fileURLToPath(new URL('../cluster', import.meta.url));

export function testKubeconfig(): string {
  return process.env.APP_KUBECONFIG ?? execFileSync(`${CLUSTER_DIR}/kubeconfig`, { encoding: 'utf8' }).trim();
}

/** The test cluster's API; `kc` for the few tests that build a proxy in front of it. */
export function testKube(): { kc: KubeConfig; rest: KubeApi } {
  const kc = new KubeConfigClass();
  kc.loadFromFile(testKubeconfig());
  return { kc, rest: ClientNodeKube.fromKubeConfig(kc) };
}

/** A namespace labelled as podlab's (so the engine may delete it), and its deleter. */
export async function testNamespace(rest: KubeApi, purpose: string): Promise<{ name: string; runId: string; drop: () => Promise<void> }> {
  const runId = `it-${purpose}-${randomBytes(3).toString('hex')}`;
  const name = `podlab-${runId}`;
  await createRunNamespace(rest, name, runId, purpose);
  await waitDefaultServiceAccount(rest, name);
  return { name, runId, drop: async () => void (await deleteRunNamespace(rest, name, runId)) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

/** The namespace is deleted, or on its way (Terminating). */
export async function namespaceGoneOrGoing(name: string, rest: KubeApi = testKube().rest): Promise<boolean> {
  try {
    const ns = await rest.request<{ status?: { phase?: string } }>('GET', `/api/v1/namespaces/${name}`);
    return ns.status?.phase === 'Terminating';
  } catch (e) {
    return e instanceof KubeApiError && e.status === 404;
  }
}
