// SPDX-License-Identifier: Apache-2.0
// `exec`: a command in a container (`kubectl exec`), its output on the timeline.
import { firstContainer } from './manifest-lookup';
import type { StepExecutor } from './step-kind';

export const exec: StepExecutor<'exec'> = async (body, call, ctx) => {
  const pod = body.pod ?? ctx.subject;
  const container = body.container ?? firstContainer(ctx, pod);
  const r = await ctx.kube.exec(ctx.namespace, pod, container, body.command, call.timeoutMs);
  const output = r.stdout + r.stderr;
  ctx.emit({ kind: 'exec', t: ctx.clock.now() - ctx.runStartedAt, step: call.id, pod, container, command: body.command, exitCode: r.exitCode, output: output.slice(0, 4000) });
  const tail = output.trim().split('\n').slice(-3).join(' | ');
  return { detail: `exit ${r.exitCode}${tail ? `: ${tail}` : ''}` };
};
