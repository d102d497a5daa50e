// SPDX-License-Identifier: Apache-2.0
// Crash recovery: runs a dead process left 'running' get their namespaces deleted and are marked interrupted.
import { KubeRest } from './kube/kube-client';
import { deleteRunNamespace, listPodlabNamespaces } from './kube/namespaces';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Store } from './store/store';
import { errorMessage } from './util/errors';
import type { Logger } from './util/log';

export interface RecoveryReport {
  interrupted: string[];
  namespacesDeleted: string[];
  failures: string[];
}

/** Call once at start-up, before any run of this process begins. */
export async function recoverInterruptedRuns(store: Store, kc: KubeConfig | undefined, log: Logger): Promise<RecoveryReport> {
  const report: RecoveryReport = { interrupted: [], namespacesDeleted: [], failures: [] };
  const rest = kc ? new KubeRest(kc) : undefined;
  // Without a cluster the namespaces cannot be deleted: leave the runs for a start that has one.
  if (!rest) return report;
  for (const run of store.runs.unfinished()) {
    {
      try {
        if (await deleteRunNamespace(rest, run.namespace, run.id)) report.namespacesDeleted.push(run.namespace);
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
    for (const ns of await listPodlabNamespaces(rest)) {
      const run = store.runs.get(ns.runId);
      if (!run || run.status === 'running' || run.namespace !== ns.name || ns.phase === 'Terminating') continue;
      if (await deleteRunNamespace(rest, ns.name, ns.runId)) report.namespacesDeleted.push(ns.name);
    }
  } catch (e) {
    report.failures.push(`leftover namespaces: ${errorMessage(e)}`);
  }
  return report;
}
