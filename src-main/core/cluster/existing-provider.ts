// SPDX-License-Identifier: Apache-2.0
// A cluster the user brings: a kubeconfig file and a context (instructors' clusters, the test cluster).
import { access } from 'node:fs/promises';
import type { ClusterFailure } from '@contract/dto';
import { errorMessage } from '../util/errors';
import { connectKube } from '../kube/connect';
import { serverVersion } from '../kube/kube-api';
import { readNodes } from '../kube/nodes';
import { LastFailure } from './last-failure';
import type { ClusterConnection, ClusterProvider, ClusterStatus, NodeImageList, PreflightCheck } from './provider';

export class ExistingClusterProvider implements ClusterProvider {
  readonly kind = 'existing' as const;
  private readonly failures = new LastFailure();

  constructor(
    private readonly kubeconfigPath: string,
    private readonly context?: string,
  ) {}

  lastFailure(): ClusterFailure | undefined {
    return this.failures.get();
  }

  async preflight(): Promise<PreflightCheck[]> {
    const checks: PreflightCheck[] = [];
    const exists = await access(this.kubeconfigPath).then(() => true, () => false);
    if (!exists) {
      return [
        {
          id: 'kubeconfig',
          ok: false,
          message: `no kubeconfig at ${this.kubeconfigPath}`,
          fix: 'Pass --kubeconfig with the path of a kubeconfig file.',
          messageZh: `${this.kubeconfigPath} 处没有 kubeconfig`,
          fixZh: '用 --kubeconfig 指定一个 kubeconfig 文件的路径。',
        },
      ];
    }
    try {
      const kube = await connectKube(this.kubeconfigPath, this.context);
      checks.push({ id: 'kubeconfig', ok: true, message: `context ${kube.context} in ${this.kubeconfigPath}`, messageZh: `${this.kubeconfigPath} 中的上下文 ${kube.context}` });
    } catch (e) {
      return [{ id: 'kubeconfig', ok: false, message: errorMessage(e), fix: 'Check the file and the --context name (`kubectl config get-contexts`).', fixZh: '检查该文件和 --context 名称（`kubectl config get-contexts`）。' }];
    }
    const s = await this.status();
    checks.push(
      s.state === 'running'
        ? { id: 'api', ok: true, message: s.detail, ...zhOf(s) }
        : { id: 'api', ok: false, message: s.detail, fix: 'Start the cluster, or check the server address in the kubeconfig.', ...zhOf(s), fixZh: '启动集群，或检查 kubeconfig 中的服务器地址。' },
    );
    return checks;
  }

  async status(): Promise<ClusterStatus> {
    try {
      const v = await serverVersion(await connectKube(this.kubeconfigPath, this.context));
      return { state: 'running', detail: `API server ${v} answers`, detailZh: `API 服务器 ${v} 正常响应` };
    } catch (e) {
      return { state: 'unreachable', detail: `API server not reachable: ${errorMessage(e)}`, detailZh: `连不上 API 服务器：${errorMessage(e)}` };
    }
  }

  async ensure(): Promise<ClusterConnection> {
    return this.failures.track(async () => {
      const s = await this.status();
      if (s.state !== 'running') throw new Error(s.detail);
      return { provider: 'existing', name: this.context ?? 'current-context', kubeconfigPath: this.kubeconfigPath, ...(this.context ? { context: this.context } : {}) };
    });
  }

  /** What each node's kubelet reports in node.status.images (cut short at 50 images by default). */
  async nodeImages(): Promise<NodeImageList[]> {
    const nodes = await readNodes(await connectKube(this.kubeconfigPath, this.context));
    return nodes.map((n) => n.images);
  }

  async delete(): Promise<void> {
    throw new Error('podlab does not delete clusters it did not create');
  }
}

/** A status's Chinese detail as a check's Chinese message. */
function zhOf(s: ClusterStatus): { messageZh?: string } {
  return s.detailZh !== undefined ? { messageZh: s.detailZh } : {};
}
