// SPDX-License-Identifier: Apache-2.0
// Crash recovery: runs a dead process left 'running' get their namespaces deleted and are marked interrupted.
import { PODLAB_STOPPED } from '@contract/run-errors';
import type { KubeApi } from './kube/kube-api';
import { deleteRunNamespace, listPodlabNamespaces } from './kube/namespaces';
import type { Store } from './store/store';
import { errorMessage } from './util/errors';
import type { Logger } from './util/log';

export interface RecoveryReport {
  interrupted: string[];
  namespacesDeleted: string[];
  failures: string[];
}

/** Call once at start-up, before any run of this process begins. */
export async function recoverInterruptedRuns(store: Store, kube: KubeApi | undefined, log: Logger): Promise<RecoveryReport> {
  const report: RecoveryReport = { interrupted: [], namespacesDeleted: [], failures: [] };
  for (const run of store.runs.unfinished()) {
    try {
      // Without a cluster the namespace cannot be deleted: the run is kept for a start that has one.
      if (!kube) throw new Error('no cluster is reachable; the run is kept until a start that has one');
      if (await deleteRunNamespace(kube, run.namespace, run.id)) report.namespacesDeleted.push(run.namespace);
    } catch (e) {
      // A cluster that is down now keeps the run 'running', so the next start tries again.
      report.failures.push(`${run.namespace}: ${errorMessage(e)}`);
      log.warn(`could not clean up ${run.namespace} of interrupted run ${run.id}: ${errorMessage(e)}`);
      continue;
    }
    store.runs.finish(run.id, 'interrupted', PODLAB_STOPPED);
    report.interrupted.push(run.id);
  }
  if (!kube) return report;
  // Namespaces of runs this store knows as finished, whose deletion failed at the time (the API
  // server was away). Namespaces of runs it does not know belong to another podlab: left alone.
  let namespaces: Awaited<ReturnType<typeof listPodlabNamespaces>>;
  try {
    namespaces = await listPodlabNamespaces(kube);
  } catch (e) {
    report.failures.push(`leftover namespaces: ${errorMessage(e)}`);
    return report;
  }
  for (const ns of namespaces) {
    const run = store.runs.get(ns.runId);
    if (!run || run.status === 'running' || run.namespace !== ns.name || ns.phase === 'Terminating') continue;
    // Each on its own: one the API server refuses (a webhook timing out) does not keep the others.
    try {
      if (await deleteRunNamespace(kube, ns.name, ns.runId)) report.namespacesDeleted.push(ns.name);
    } catch (e) {
      report.failures.push(`${ns.name}: ${errorMessage(e)}`);
      log.warn(`could not delete ${ns.name}, left behind by run ${ns.runId}: ${errorMessage(e)}`);
    }
  }
  return report;
}
