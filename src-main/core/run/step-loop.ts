// SPDX-License-Identifier: Apache-2.0
// The steps in order: each waits for its `at` time and its `after` condition, runs, and leaves
// started / done / failed on the timeline. The run's time limit bounds every wait.
import type { Step } from '@contract/scenario';
import { AppError, errorMessage } from '../util/errors';
import type { StepContext } from './step-context';
import { executeStep, stepKind } from './steps';

/** A step's own limit when it gives none. */
const DEFAULT_STEP_TIMEOUT_S = 120;

export async function runSteps(steps: Step[], ctx: StepContext, deadline: number): Promise<void> {
  const { clock } = ctx;
  const t = () => clock.now() - ctx.runStartedAt;
  for (const [index, step] of steps.entries()) {
    const id = step.id ?? `step-${index + 1}`;
    const action = stepKind(step);
    const budget = () => Math.max(1, deadline - clock.now());
    const timeoutMs = (step.timeoutSeconds ?? DEFAULT_STEP_TIMEOUT_S) * 1000;
    if (step.at !== undefined) {
      const wait = ctx.runStartedAt + step.at * 1000 - clock.now();
      if (wait > 0) await clock.sleep(Math.min(wait, budget()), ctx.signal);
    }
    if (step.after) await ctx.waitFor(step.after, Math.min(timeoutMs, budget()));
    ctx.emit({ kind: 'step', t: t(), index, id, action, phase: 'started' });
    try {
      const r = await executeStep(step, { id, timeoutMs }, ctx);
      ctx.emit({ kind: 'step', t: t(), index, id, action, phase: 'done', ...(r.detail ? { detail: r.detail } : {}) });
    } catch (e) {
      ctx.emit({ kind: 'step', t: t(), index, id, action, phase: 'failed', detail: errorMessage(e) });
      throw new AppError('STEP_FAILED', `step ${index + 1} (${id}, ${action}) failed: ${errorMessage(e)}`, { cause: e });
    }
  }
}

/** The cluster did not do what a step waited for: the lesson's outcome, not a breakdown. */
export function isStepTimeout(e: unknown): boolean {
  return e instanceof AppError && e.code === 'STEP_FAILED' && e.cause instanceof AppError && e.cause.code === 'STEP_TIMEOUT';
}
