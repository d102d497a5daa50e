// SPDX-License-Identifier: Apache-2.0
// The cluster as the app sees it: one provider (kind, or the user's), the connection once made,
// what loading the lessons' images did, and a KubeApi for whoever needs to talk to it.
import type { ClusterView } from '@contract/dto';
import type { KubeConnector } from '../kube/connect';
import type { KubeApi } from '../kube/kube-api';
import { AppError } from '../util/errors';
import type { ClusterConnection, ClusterProgress, ClusterProvider, ImageLoadReport, PreflightCheck } from './provider';

export interface ClusterServiceEvents {
  onState(view: ClusterView): void;
  onProgress(p: ClusterProgress): void;
}

export class ClusterService {
  private connection: ClusterConnection | undefined;
  private images: ImageLoadReport | undefined;

  constructor(
    readonly provider: ClusterProvider,
    private readonly connect: KubeConnector,
    private readonly events: ClusterServiceEvents,
    /** the context the user named for an existing cluster */
    private readonly context?: string,
  ) {}

  /** The name runs record: the connection's, or what it will be. */
  get name(): string {
    return this.connection?.name ?? (this.provider.kind === 'kind' ? 'podlab' : (this.context ?? 'current-context'));
  }

  async view(): Promise<ClusterView> {
    const s = await this.provider.status();
    const failure = this.provider.lastFailure();
    return {
      provider: this.provider.kind,
      name: this.name,
      state: s.state,
      detail: s.detail,
      ...(s.detailZh !== undefined ? { detailZh: s.detailZh } : {}),
      ...s.facts,
      ...(this.images ? { images: this.images } : {}),
      ...(failure ? { lastFailure: failure } : {}),
    };
  }

  preflight(): Promise<PreflightCheck[]> {
    return this.provider.preflight();
  }

  /** A connection made elsewhere (a lab pack's import creates the cluster): the panel follows it at once. */
  adopt(connection: ClusterConnection): void {
    this.connection = connection;
    void this.view().then((v) => this.events.onState(v), () => {});
  }

  /** Creates or reuses the cluster and brings the lessons' images into its node. */
  async ensure(lessonImages: () => string[]): Promise<ClusterView> {
    // One bar for both parts: the cluster up to 85 %, the lessons' images after it.
    const progress = (lo: number, hi: number) => (p: ClusterProgress) =>
      this.events.onProgress(p.fraction === undefined ? p : { ...p, fraction: lo + (hi - lo) * p.fraction });
    try {
      this.connection = await this.provider.ensure(progress(0, this.provider.loadImages ? 0.85 : 1));
      // The lessons' images go into the node now, so no run waits on (or fails at) a pull.
      if (this.provider.loadImages) {
        this.images = await this.provider.loadImages(lessonImages(), progress(0.85, 1));
        this.events.onProgress({ step: 'ready', stepZh: '就绪', fraction: 1 });
      }
    } catch (e) {
      this.events.onState(await this.view());
      throw e;
    }
    return this.announce();
  }

  async delete(): Promise<ClusterView> {
    await this.provider.delete((p) => this.events.onProgress(p));
    this.connection = undefined;
    return this.announce();
  }

  /** The state as it is now, told to every client and returned. */
  async announce(): Promise<ClusterView> {
    const view = await this.view();
    this.events.onState(view);
    return view;
  }

  /** The running cluster's API. A kind cluster is never created for this: that is `ensure`'s job. */
  async kube(): Promise<KubeApi> {
    if (!this.connection) {
      if (this.provider.kind === 'kind') {
        const s = await this.provider.status();
        if (s.state !== 'running') throw new AppError('CLUSTER_NOT_RUNNING', `the kind cluster is not running (${s.detail}); create it first`);
      }
      this.connection = await this.provider.ensure();
    }
    return this.connect(this.connection.kubeconfigPath, this.connection.context);
  }
}
