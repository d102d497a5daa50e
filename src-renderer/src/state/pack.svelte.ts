// SPDX-License-Identifier: Apache-2.0
// The Cluster panel's lab pack: the installed pack's status, and an import in progress (its steps
// from pack:progressed, then what each did). An import is a cluster operation: while it runs, the
// panel's other buttons wait (cluster.busy), and kind's own progress shows in its cluster step.
import type { PackStatusView } from '@contract/dto';
import { app } from '../lib/app';
import { applyFailure, applyProgress, applyResult, startImport, type ImportModel } from '../lib/pack-steps';
import { cluster } from './cluster.svelte';

class PackState {
  status = $state.raw<PackStatusView | undefined>(undefined);
  /** the last import this page started: live while it runs, then its outcome */
  model = $state.raw<ImportModel | undefined>(undefined);
  importing = $state(false);
  error = $state<string | undefined>(undefined);
  statusError = $state<string | undefined>(undefined);

  async refresh(): Promise<void> {
    try {
      this.status = await app().getPackStatus();
      this.statusError = undefined;
    } catch (e) {
      this.statusError = (e as Error).message;
    }
  }

  /** Imports the pack at a path on the machine that runs podlab; true when it installed. */
  async import(path: string): Promise<boolean> {
    if (this.importing || cluster.busy) return false;
    this.importing = true;
    cluster.busy = true;
    cluster.progress = undefined;
    this.error = undefined;
    this.model = startImport();
    try {
      const result = await app().importPack({ path });
      this.model = applyResult(this.model, result);
      return true;
    } catch (e) {
      this.error = (e as Error).message;
      this.model = applyFailure(this.model);
      return false;
    } finally {
      this.importing = false;
      cluster.busy = false;
      cluster.progress = undefined;
      // the import may have set cluster.nodeImage and made the cluster: the panel reads both again
      await Promise.all([this.refresh(), cluster.refresh()]);
    }
  }

  start(): () => void {
    const offs = [
      app().on('pack:progressed', (p) => {
        if (this.importing && this.model) this.model = applyProgress(this.model, p);
      }),
      // a cluster made or deleted changes which images are in the node
      app().on('cluster:state-changed', () => {
        if (!this.importing) void this.refresh();
      }),
    ];
    void this.refresh();
    return () => offs.forEach((off) => off());
  }
}

export const pack = new PackState();
