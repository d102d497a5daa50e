// SPDX-License-Identifier: Apache-2.0
// The run's namespace from birth to deletion: created (labelled as ours), ready for pods, every
// manifest dry-run in it, the containers' logs kept, and deleted at the end whatever happened
// (the run ends once the deletion is accepted; what follows is followed on its own).
import type { ContainerLog } from '@contract/dto';
import { dryRunAll, type SourcedObject } from '../kube/apply';
import type { KubeApi } from '../kube/kube-api';
import { createRunNamespace, deleteRunNamespace, namespaceDeletionBlockers, waitDefaultServiceAccount } from '../kube/namespaces';
import type { ResourceResolver } from '../kube/resources';
import type { TimelineState } from '../check/timeline-state';
import { AppError, errorMessage } from '../util/errors';
import type { Clock } from '../util/time';

export class RunNamespace {
  private created = false;

  constructor(
    private readonly kube: KubeApi,
    readonly name: string,
    private readonly runId: string,
    private readonly scenarioId: string,
    private readonly clock: Clock,
  ) {}

  get exists(): boolean {
    return this.created;
  }

  /** Created, and ready for pods: they are refused until its default ServiceAccount exists. */
  async create(): Promise<void> {
    await createRunNamespace(this.kube, this.name, this.runId, this.scenarioId);
    this.created = true;
    await waitDefaultServiceAccount(this.kube, this.name, undefined, this.clock);
  }

  /** Every manifest of every step, checked by the API server before anything is created. */
  dryRun(resolver: ResourceResolver, objects: SourcedObject[]): Promise<void> {
    return dryRunAll(this.kube, resolver, this.name, objects);
  }

  /** Each container's log (and its previous instance's, after a restart), as `kubectl logs` shows them. */
  async collectLogs(state: TimelineState): Promise<ContainerLog[]> {
    const logs: ContainerLog[] = [];
    for (const pod of state.podNames()) {
      for (const c of state.pod(pod)?.containers ?? []) {
        for (const previous of c.restartCount > 0 ? [false, true] : [false]) {
          const text = await this.kube
            .request<string>('GET', `/api/v1/namespaces/${encodeURIComponent(this.name)}/pods/${encodeURIComponent(pod)}/log`, {
              // The log is text/plain, yet an Accept of text/plain is answered 406: the API server
              // negotiates among its serializers (JSON, YAML, protobuf). kubectl sends */* as well.
              accept: '*/*',
              text: true,
              query: { container: c.name, previous, limitBytes: 65536 },
              timeoutMs: 5000,
            })
            .then((t) => ({ text: typeof t === 'string' ? t : '' }), (e: unknown) => ({ text: '', error: errorMessage(e) }));
          logs.push({ pod, container: c.name, previous, ...text });
        }
      }
    }
    return logs;
  }

  /**
   * Asks for its deletion, retrying while the API server is away; says why if it was not accepted
   * (podlab's next start deletes it then). The namespace controller then takes seconds more, which
   * no run waits for: `followDeletion` says afterwards whether something holds it.
   */
  async requestDeletion(): Promise<string | undefined> {
    if (!this.created) return undefined;
    const problem = await this.deleteWithRetries();
    return problem ? `namespace ${this.name} was not deleted (${problem}); podlab deletes it at its next start` : undefined;
  }

  /** After `requestDeletion`: what keeps it Terminating, once the namespace controller says, if a finalizer does. */
  async followDeletion(): Promise<string | undefined> {
    const blocked = await namespaceDeletionBlockers(this.kube, this.name, undefined, this.clock).catch(() => undefined);
    // A finalizer nobody clears keeps the namespace Terminating for ever; podlab does not remove another controller's finalizer.
    if (blocked) return `namespace ${this.name} is stuck deleting: ${blocked}; remove those finalizers (kubectl patch … -p '{"metadata":{"finalizers":null}}') or the namespace stays`;
    return undefined;
  }

  private async deleteWithRetries(tries = 8): Promise<string | undefined> {
    let last = '';
    for (let i = 0; i < tries; i++) {
      try {
        await deleteRunNamespace(this.kube, this.name, this.runId);
        return undefined;
      } catch (e) {
        if (e instanceof AppError && e.code === 'NAMESPACE_NOT_OURS') return errorMessage(e);
        last = errorMessage(e);
        await this.clock.sleep(Math.min(1000 * 2 ** i, 8000));
      }
    }
    return last;
  }
}
