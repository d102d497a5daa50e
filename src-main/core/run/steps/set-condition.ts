// SPDX-License-Identifier: Apache-2.0
// `setCondition`: what a readiness-gate controller does, a condition written into the pod's status.
import { podPath } from './manifest-lookup';
import type { StepExecutor } from './step-kind';

export const setCondition: StepExecutor<'setCondition'> = async ({ pod, type, status }, _call, ctx) => {
  const name = pod ?? ctx.subject;
  // Kubernetes stores condition times to the second.
  const lastTransitionTime = new Date(ctx.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await ctx.kube.request('PATCH', `${podPath(ctx, name)}/status`, {
    contentType: 'application/strategic-merge-patch+json',
    body: { status: { conditions: [{ type, status, lastTransitionTime }] } },
  });
  return { detail: `set ${type}=${status} on ${name}` };
};
