// SPDX-License-Identifier: Apache-2.0
// From apiVersion + kind to a REST path, by asking the API server's discovery (cached per client).
import { AppError } from '../util/errors';
import type { KubeApi } from './kube-api';

interface ApiResourceList {
  resources: Array<{ name: string; kind: string; namespaced: boolean }>;
}

export class ResourceResolver {
  private readonly cache = new Map<string, ApiResourceList>();

  constructor(private readonly rest: KubeApi) {}

  async path(apiVersion: string, kind: string, namespace: string, name?: string): Promise<string> {
    const list = await this.discover(apiVersion);
    const r = list.resources.find((x) => x.kind === kind && !x.name.includes('/'));
    if (!r) throw new AppError('KUBE_UNKNOWN_KIND', `the cluster has no kind ${kind} in ${apiVersion}`);
    if (!r.namespaced) throw new AppError('KUBE_CLUSTER_SCOPED', `${kind} is cluster-scoped; podlab only creates objects in its run's namespace`);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return `${base}/namespaces/${encodeURIComponent(namespace)}/${r.name}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  private async discover(apiVersion: string): Promise<ApiResourceList> {
    let list = this.cache.get(apiVersion);
    if (!list) {
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      list = await this.rest.request<ApiResourceList>('GET', base);
      this.cache.set(apiVersion, list);
    }
    return list;
  }
}

/** The common kinds a step names by kind only (`delete: {kind: Service, name: mydb}`). */
export const CORE_KINDS: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  ServiceAccount: 'v1',
  PersistentVolumeClaim: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};
