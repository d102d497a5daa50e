// SPDX-License-Identifier: Apache-2.0
// `delete: {kind, name}`: any object of the run, as `kubectl delete` would.
import { objectPath } from './manifest-lookup';
import type { StepExecutor } from './step-kind';

export const deleteObject: StepExecutor<'delete'> = async ({ kind, name }, _call, ctx) => {
  await ctx.kube.request('DELETE', await objectPath(ctx, kind, name));
  return { detail: `deleted ${kind} ${name}` };
};
