// SPDX-License-Identifier: Apache-2.0
// `traffic` and `stopTraffic`: a client pod requesting a pod's IP or a service every few seconds.
import { TrafficGenerator } from '../../kube/traffic';
import { AppError } from '../../util/errors';
import type { StepContext } from '../step-context';
import type { StepExecutor } from './step-kind';

export const traffic: StepExecutor<'traffic'> = async ({ name, target, everySeconds = 1 }, call, ctx) => {
  const host = target.pod ? await podIPOnceScheduled(ctx, target.pod, call.timeoutMs) : `${target.service}.${ctx.namespace}.svc.cluster.local`;
  const url = `http://${host}:${target.port}${target.path ?? '/'}`;
  const gen = new TrafficGenerator(ctx.kube, ctx.namespace, name, url, everySeconds, ctx.runStartedAt, ctx.emit);
  ctx.traffic.set(name, gen);
  await gen.start(call.timeoutMs);
  return { detail: `requesting ${url} every ${everySeconds} s` };
};

export const stopTraffic: StepExecutor<'stopTraffic'> = async (name, _call, ctx) => {
  await ctx.traffic.get(name)?.stop();
  ctx.traffic.delete(name);
  return { detail: `stopped traffic ${name}` };
};

async function podIPOnceScheduled(ctx: StepContext, pod: string, timeoutMs: number): Promise<string> {
  await ctx.waitFor({ pod, condition: 'PodScheduled', status: 'True' }, timeoutMs);
  const deadline = ctx.clock.now() + timeoutMs;
  for (;;) {
    const ip = ctx.podIP(pod);
    if (ip) return ip;
    if (ctx.clock.now() > deadline) throw new AppError('STEP_TIMEOUT', `pod ${pod} got no IP within ${timeoutMs / 1000} s`);
    await ctx.clock.sleep(200, ctx.signal);
  }
}
