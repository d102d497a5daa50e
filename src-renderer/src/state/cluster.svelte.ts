// SPDX-License-Identifier: Apache-2.0
// The cluster panel's state: where runs happen, preflight, progress, the last failure, and the
// cluster settings (node image, registry mirrors, proxy).
import type { ClusterView, PreflightCheckView } from '@contract/dto';
import type { ClusterSettings, SettingChange } from '@contract/settings';
import { app } from '../lib/app';

class ClusterState {
  view = $state.raw<ClusterView | undefined>(undefined);
  checks = $state.raw<PreflightCheckView[]>([]);
  settings = $state.raw<ClusterSettings | undefined>(undefined);
  progress = $state.raw<{ step: string; fraction?: number } | undefined>(undefined);
  busy = $state(false);
  error = $state<string | undefined>(undefined);
  settingsError = $state<string | undefined>(undefined);

  async refresh(): Promise<void> {
    try {
      const [view, checks, settings] = await Promise.all([app().getCluster(), app().preflight(), app().getSettings()]);
      this.view = view;
      this.checks = checks;
      this.settings = settings.cluster;
      this.error = undefined;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  async act(what: 'ensure' | 'delete'): Promise<void> {
    this.busy = true;
    this.error = undefined;
    this.progress = { step: what === 'ensure' ? 'preflight' : 'deleting', fraction: 0 };
    try {
      this.view = what === 'ensure' ? await app().ensureCluster() : await app().deleteCluster();
    } catch (e) {
      this.error = (e as Error).message;
      this.view = await app().getCluster().catch(() => this.view);
    } finally {
      this.busy = false;
      this.progress = undefined;
      this.checks = await app().preflight().catch(() => this.checks);
    }
  }

  /** Saves the changed settings (all or none), then checks again what they mean for the cluster. */
  async save(changes: SettingChange[]): Promise<boolean> {
    if (!changes.length) return true;
    try {
      this.settings = (await app().updateSettings({ changes })).cluster;
      this.settingsError = undefined;
      this.checks = await app().preflight();
      return true;
    } catch (e) {
      this.settingsError = (e as Error).message;
      return false;
    }
  }

  start(): () => void {
    const offs = [app().on('cluster:progressed', (p) => (this.progress = p)), app().on('cluster:state-changed', (v) => (this.view = v))];
    void this.refresh();
    return () => offs.forEach((off) => off());
  }
}

export const cluster = new ClusterState();
