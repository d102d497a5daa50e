// SPDX-License-Identifier: Apache-2.0
// `deletePod`: a pod deleted, with its own grace period or one given (`kubectl delete --grace-period`).
import { podPath } from './manifest-lookup';
import type { StepExecutor } from './step-kind';

export const deletePod: StepExecutor<'deletePod'> = async ({ name, gracePeriodSeconds }, _call, ctx) => {
  const pod = name ?? ctx.subject;
  const body = gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds };
  await ctx.kube.request('DELETE', podPath(ctx, pod), { body });
  return { detail: `deleted pod ${pod}${gracePeriodSeconds === undefined ? '' : ` with grace ${gracePeriodSeconds} s`}` };
};
