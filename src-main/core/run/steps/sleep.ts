// SPDX-License-Identifier: Apache-2.0
// `sleep: seconds`: nothing done for a while (stopping the run ends it early).
import type { StepExecutor } from './step-kind';

export const sleep: StepExecutor<'sleep'> = async (seconds, _call, ctx) => {
  await ctx.clock.sleep(seconds * 1000, ctx.signal);
  return {};
};
