// SPDX-License-Identifier: Apache-2.0
// Shared set-up for the real-cluster suite: the test cluster's kubeconfig and throwaway namespaces.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { KubeConfig as KubeConfigClass, type KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { HttpsKube } from '../../src-main/core/kube/https-kube';
import { KubeApiError, type KubeApi } from '../../src-main/core/kube/kube-api';
import { kubeconfigDir, readKubeconfig } from '../../src-main/core/kube/kubeconfig';
import { createRunNamespace, deleteRunNamespace, waitDefaultServiceAccount } from '../../src-main/core/kube/namespaces';

export const CLUSTER_DIR = fileURLToPath(new URL('../cluster', import.meta.url));

export function testKubeconfig(): string {
  return process.env.APP_KUBECONFIG ?? execFileSync(`${CLUSTER_DIR}/kubeconfig`, { encoding: 'utf8' }).trim();
}

/** The test cluster's API through podlab's own client, as the engine reaches it; `kc` for the proxy tests' upstream. */
export function testKube(): { kc: KubeConfig; rest: KubeApi } {
  const file = testKubeconfig();
  const kc = new KubeConfigClass();
  kc.loadFromFile(file);
  const read = readKubeconfig(readFileSync(file, 'utf8'), file, { baseDir: kubeconfigDir(file) });
  if (!('target' in read)) throw new Error(`the test cluster's kubeconfig needs client-node: ${read.clientNodeNeededFor}`);
  return { kc, rest: new HttpsKube(read.target) };
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
