// SPDX-License-Identifier: Apache-2.0
// Run namespaces: created labelled as podlab's, and deleted only when the label says they are ours.
import { AppError } from '../util/errors';
import { KubeApiError, type KubeApi } from './kube-api';
import { systemClock, type Clock } from '../util/time';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'podlab';
export const RUN_ID_LABEL = 'podlab.dev/run-id';

/**
 * Pod Security admission enforces the baseline level in every run namespace: no hostPID, hostIPC or
 * hostNetwork, no privileged container, no hostPath volume, no added capability beyond the
 * defaults. An audit reached root on the node through a What-if edit without it; no lesson needs
 * more (they all pass under it), and a shared workshop cluster must not give that to a student.
 */
export const POD_SECURITY_LABELS = {
  'pod-security.kubernetes.io/enforce': 'baseline',
  'pod-security.kubernetes.io/enforce-version': 'latest',
} as const;

interface NamespaceJson {
  metadata: { name: string; labels?: Record<string, string>; creationTimestamp?: string };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; message?: string }> };
}

export async function createRunNamespace(rest: KubeApi, name: string, runId: string, scenarioId: string): Promise<void> {
  await rest.request('POST', '/api/v1/namespaces', {
    body: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: runId, 'podlab.dev/scenario': scenarioId, ...POD_SECURITY_LABELS } },
    },
  });
}

/** Pods are refused until the namespace's default ServiceAccount exists; the controller-manager makes it moments later. */
export async function waitDefaultServiceAccount(rest: KubeApi, name: string, timeoutMs = 30_000, clock: Clock = systemClock): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  // The controller usually makes it within tens of ms: polls start at 25 ms and back off to 200 ms,
  // where a fixed 200 ms cost most runs a whole interval after it existed.
  for (let poll = 0; ; poll++) {
    try {
      await rest.request('GET', `/api/v1/namespaces/${encodeURIComponent(name)}/serviceaccounts/default`);
      return;
    } catch (e) {
      if (!(e instanceof KubeApiError && e.status === 404)) throw e;
      if (clock.now() > deadline) throw new AppError('NAMESPACE_NOT_READY', `namespace ${name} got no default ServiceAccount within ${timeoutMs / 1000} s (is the controller-manager running?)`);
      await clock.sleep(Math.min(25 * 2 ** poll, 200));
    }
  }
}

/**
 * Deletes a run namespace; refuses one podlab did not create for this run. Returns false if it is
 * already gone or already Terminating: a second DELETE of a Terminating namespace is refused with
 * 409 Conflict ("The system is ensuring all content is removed"), and its deletion is under way.
 */
export async function deleteRunNamespace(rest: KubeApi, name: string, runId: string): Promise<boolean> {
  let ns: NamespaceJson;
  try {
    ns = await rest.request<NamespaceJson>('GET', `/api/v1/namespaces/${encodeURIComponent(name)}`);
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return false;
    throw e;
  }
  const labels = ns.metadata.labels ?? {};
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE || labels[RUN_ID_LABEL] !== runId) {
    throw new AppError('NAMESPACE_NOT_OURS', `namespace ${name} was not created by podlab for run ${runId}; podlab will not touch it`);
  }
  if (ns.status?.phase === 'Terminating') return false;
  try {
    await rest.request('DELETE', `/api/v1/namespaces/${encodeURIComponent(name)}`, { body: { propagationPolicy: 'Background' } });
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return false;
    throw e;
  }
  return true;
}

export async function listPodlabNamespaces(rest: KubeApi): Promise<Array<{ name: string; runId: string; phase: string }>> {
  const list = await rest.request<{ items: NamespaceJson[] }>('GET', '/api/v1/namespaces', {
    query: { labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}` },
  });
  return list.items.map((n) => ({ name: n.metadata.name, runId: n.metadata.labels?.[RUN_ID_LABEL] ?? '', phase: n.status?.phase ?? '' }));
}

/**
 * After a deletion: what holds the namespace in Terminating, if a finalizer does. The namespace
 * controller says so in a NamespaceFinalizersRemaining condition on its first pass, usually within a
 * second or two; content that is merely stopping (a pod's grace period) is not a blocker. Returns
 * undefined when the namespace is gone, is only waiting for content, or nothing was said in time.
 */
export async function namespaceDeletionBlockers(rest: KubeApi, name: string, timeoutMs = 10_000, clock: Clock = systemClock): Promise<string | undefined> {
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    let ns: NamespaceJson;
    try {
      ns = await rest.request<NamespaceJson>('GET', `/api/v1/namespaces/${encodeURIComponent(name)}`);
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
    const conditions = ns.status?.conditions ?? [];
    const finalizers = conditions.find((c) => c.type === 'NamespaceFinalizersRemaining' && c.status === 'True');
    if (finalizers) return finalizers.message ?? 'finalizers remain';
    if (conditions.some((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True')) return undefined;
    if (clock.now() > deadline) return undefined;
    await clock.sleep(500);
  }
}
