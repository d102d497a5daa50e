// SPDX-License-Identifier: Apache-2.0
// `patch`: an object changed in place (`kubectl patch --type`), strategic merge unless told.
import { objectPath } from './manifest-lookup';
import type { StepExecutor } from './step-kind';

const CONTENT_TYPES = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
} as const;

export const patch: StepExecutor<'patch'> = async ({ kind, name, patch: body, type }, _call, ctx) => {
  await ctx.kube.request('PATCH', await objectPath(ctx, kind, name), { body, contentType: CONTENT_TYPES[type ?? 'strategic'] });
  return { detail: `patched ${kind} ${name}` };
};
