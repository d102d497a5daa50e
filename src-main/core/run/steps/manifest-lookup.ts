// SPDX-License-Identifier: Apache-2.0
// What a step that names an object can learn from the scenario's own manifests.
import { CORE_KINDS } from '../../kube/resources';
import { AppError } from '../../util/errors';
import type { StepContext } from '../step-context';

/** The API path of the named object: its kind's group/version from the common kinds or the manifests. */
export async function objectPath(ctx: StepContext, kind: string, name: string): Promise<string> {
  const apiVersion = CORE_KINDS[kind] ?? manifestApiVersion(ctx, kind);
  return ctx.resolver.path(apiVersion, kind, ctx.namespace, name);
}

function manifestApiVersion(ctx: StepContext, kind: string): string {
  for (const list of Object.values(ctx.objects)) {
    const o = list.find((x) => x.object.kind === kind);
    if (o) return o.object.apiVersion;
  }
  throw new AppError('STEP_UNKNOWN_KIND', `kind ${kind} is neither a common kind nor in the scenario's manifests`);
}

export function firstContainer(ctx: StepContext, pod: string): string {
  for (const list of Object.values(ctx.objects)) {
    const o = list.find((x) => x.object.kind === 'Pod' && x.object.metadata.name === pod);
    const c = (o?.object.spec as { containers?: Array<{ name: string }> } | undefined)?.containers?.[0];
    if (c) return c.name;
  }
  throw new AppError('STEP_NO_CONTAINER', `exec: name the container; pod ${pod} is not in the scenario's manifests`);
}

export const podPath = (ctx: StepContext, pod: string): string => `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods/${encodeURIComponent(pod)}`;
