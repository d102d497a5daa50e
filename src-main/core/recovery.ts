// SPDX-License-Identifier: Apache-2.0
// Crash recovery: runs a dead process left 'running' get their namespaces deleted and are marked interrupted.
import { KubeRest } from './kube/kube-client';
import { deleteRunNamespace } from './kube/namespaces';
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
  return report;
}
