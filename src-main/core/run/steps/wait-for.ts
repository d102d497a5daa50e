// SPDX-License-Identifier: Apache-2.0
// `waitFor: predicate`: the run goes on once the timeline shows it.
import type { StepExecutor } from './step-kind';

export const waitFor: StepExecutor<'waitFor'> = async (predicate, call, ctx) => {
  await ctx.waitFor(predicate, call.timeoutMs);
  return {};
};
