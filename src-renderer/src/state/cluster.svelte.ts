// SPDX-License-Identifier: Apache-2.0
// The cluster panel's state: where runs happen, preflight, progress, the last failure.
import type { ClusterView, PreflightCheckView } from '@contract/dto';
import { app } from '../lib/app';

class ClusterState {
  view = $state.raw<ClusterView | undefined>(undefined);
  checks = $state.raw<PreflightCheckView[]>([]);
  progress = $state.raw<{ step: string; fraction?: number } | undefined>(undefined);
  busy = $state(false);
  error = $state<string | undefined>(undefined);

  async refresh(): Promise<void> {
    try {
      [this.view, this.checks] = await Promise.all([app().getCluster(), app().preflight()]);
      this.error = undefined;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  async act(what: 'ensure' | 'delete'): Promise<void> {
    this.busy = true;
    this.error = undefined;
    try {
      this.view = what === 'ensure' ? await app().ensureCluster() : await app().deleteCluster();
    } catch (e) {
      this.error = (e as Error).message;
      this.view = await app().getCluster().catch(() => this.view);
    } finally {
      this.busy = false;
      this.progress = undefined;
    }
  }

  start(): () => void {
    const offs = [app().on('cluster:progressed', (p) => (this.progress = p)), app().on('cluster:state-changed', (v) => (this.view = v))];
    void this.refresh();
    return () => offs.forEach((off) => off());
  }
}

export const cluster = new ClusterState();
