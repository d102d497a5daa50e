// SPDX-License-Identifier: Apache-2.0
// Crash recovery: runs a dead process left 'running' get their namespaces deleted and are marked interrupted.
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
  // Without a cluster the namespaces cannot be deleted: leave the runs for a start that has one.
  if (!kube) return report;
  for (const run of store.runs.unfinished()) {
    {
      try {
        if (await deleteRunNamespace(kube, run.namespace, run.id)) report.namespacesDeleted.push(run.namespace);
      } catch (e) {
        // A cluster that is down now keeps the run 'running', so the next start tries again.
        report.failures.push(`${run.namespace}: ${errorMessage(e)}`);
        log.warn(`could not clean up ${run.namespace} of interrupted run ${run.id}: ${errorMessage(e)}`);
        continue;
      }
    }
    store.runs.finish(run.id, 'interrupted', 'podlab stopped while this run was in progress');
    report.interrupted.push(run.id);
  }
  // Namespaces of runs this store knows as finished, whose deletion failed at the time (the API
  // server was away). Namespaces of runs it does not know belong to another podlab: left alone.
  try {
    for (const ns of await listPodlabNamespaces(kube)) {
      const run = store.runs.get(ns.runId);
      if (!run || run.status === 'running' || run.namespace !== ns.name || ns.phase === 'Terminating') continue;
      if (await deleteRunNamespace(kube, ns.name, ns.runId)) report.namespacesDeleted.push(ns.name);
    }
  } catch (e) {
    report.failures.push(`leftover namespaces: ${errorMessage(e)}`);
  }
  return report;
}
