// SPDX-License-Identifier: Apache-2.0
// Step kinds, one function each: what `apply`, `deletePod`, `exec` … do to the cluster.
import type { Step } from '@contract/scenario';
import { applyAll } from '../../kube/apply';
import { CORE_KINDS } from '../../kube/resources';
import { execInPod } from '../../kube/pod-exec';
import { TrafficGenerator } from '../../kube/traffic';
import { AppError } from '../../util/errors';
import type { StepContext, StepOutcome } from '../run-context';

const ns = (ctx: StepContext) => encodeURIComponent(ctx.namespace);

export function stepAction(step: Step): string {
  for (const k of ['apply', 'delete', 'deletePod', 'waitFor', 'sleep', 'exec', 'patch', 'setCondition', 'traffic', 'stopTraffic']) {
    if (k in step) return k;
  }
  throw new AppError('STEP_UNKNOWN', 'a step with no action');
}

export async function executeStep(step: Step, id: string, ctx: StepContext): Promise<StepOutcome> {
  const timeoutMs = (step.timeoutSeconds ?? 120) * 1000;
  if ('apply' in step) {
    await applyAll(ctx.rest, ctx.resolver, ctx.namespace, ctx.objects[step.apply] ?? []);
    return { detail: `applied ${step.apply}` };
  }
  if ('delete' in step) {
    const apiVersion = CORE_KINDS[step.delete.kind] ?? findApiVersion(ctx, step.delete.kind);
    const path = await ctx.resolver.path(apiVersion, step.delete.kind, ctx.namespace, step.delete.name);
    await ctx.rest.request('DELETE', path);
    return { detail: `deleted ${step.delete.kind} ${step.delete.name}` };
  }
  if ('deletePod' in step) {
    const name = step.deletePod.name ?? ctx.subject;
    const body = step.deletePod.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: step.deletePod.gracePeriodSeconds };
    await ctx.rest.request('DELETE', `/api/v1/namespaces/${ns(ctx)}/pods/${name}`, { body });
    return { detail: `deleted pod ${name}${step.deletePod.gracePeriodSeconds === undefined ? '' : ` with grace ${step.deletePod.gracePeriodSeconds} s`}` };
  }
  if ('waitFor' in step) {
    await ctx.waitFor(step.waitFor, timeoutMs);
    return {};
  }
  if ('sleep' in step) {
    await ctx.clock.sleep(step.sleep * 1000, ctx.signal);
    return {};
  }
  if ('exec' in step) {
    const pod = step.exec.pod ?? ctx.subject;
    const container = step.exec.container ?? firstContainer(ctx, pod);
    const r = await execInPod(ctx.kc, ctx.namespace, pod, container, step.exec.command, timeoutMs);
    const t = ctx.clock.now() - ctx.runStartedAt;
    ctx.emit({ kind: 'exec', t, step: id, pod, container, command: step.exec.command, exitCode: r.exitCode, output: (r.stdout + r.stderr).slice(0, 4000) });
    const out = (r.stdout + r.stderr).trim().split('\n').slice(-3).join(' | ');
    return { detail: `exit ${r.exitCode}${out ? `: ${out}` : ''}` };
  }
  if ('patch' in step) {
    const apiVersion = CORE_KINDS[step.patch.kind] ?? findApiVersion(ctx, step.patch.kind);
    const path = await ctx.resolver.path(apiVersion, step.patch.kind, ctx.namespace, step.patch.name);
    const type = step.patch.type ?? 'strategic';
    const contentType = { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json', json: 'application/json-patch+json' }[type];
    await ctx.rest.request('PATCH', path, { body: step.patch.patch, contentType });
    return { detail: `patched ${step.patch.kind} ${step.patch.name}` };
  }
  if ('setCondition' in step) {
    const pod = step.setCondition.pod ?? ctx.subject;
    // What a readiness-gate controller does: write the condition into the pod's status.
    await ctx.rest.request('PATCH', `/api/v1/namespaces/${ns(ctx)}/pods/${pod}/status`, {
      contentType: 'application/strategic-merge-patch+json',
      body: { status: { conditions: [{ type: step.setCondition.type, status: step.setCondition.status, lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }] } },
    });
    return { detail: `set ${step.setCondition.type}=${step.setCondition.status} on ${pod}` };
  }
  if ('traffic' in step) {
    const { name, target, everySeconds } = step.traffic;
    let host: string;
    if (target.pod) {
      const pod = target.pod;
      await ctx.waitFor({ pod, condition: 'PodScheduled', status: 'True' }, timeoutMs);
      const deadline = ctx.clock.now() + timeoutMs;
      while (!ctx.podIP(pod)) {
        if (ctx.clock.now() > deadline) throw new AppError('STEP_TIMEOUT', `pod ${pod} got no IP within ${timeoutMs / 1000} s`);
        await ctx.clock.sleep(200, ctx.signal);
      }
      host = ctx.podIP(pod)!;
    } else {
      host = `${target.service}.${ctx.namespace}.svc.cluster.local`;
    }
    const url = `http://${host}:${target.port}${target.path ?? '/'}`;
    const gen = new TrafficGenerator(ctx.kc, ctx.rest, ctx.namespace, name, url, everySeconds ?? 1, ctx.runStartedAt, ctx.emit);
    ctx.traffic.set(name, gen);
    await gen.start(timeoutMs);
    return { detail: `requesting ${url} every ${everySeconds ?? 1} s` };
  }
  if ('stopTraffic' in step) {
    await ctx.traffic.get(step.stopTraffic)?.stop();
    ctx.traffic.delete(step.stopTraffic);
    return { detail: `stopped traffic ${step.stopTraffic}` };
  }
  throw new AppError('STEP_UNKNOWN', `unknown step ${JSON.stringify(step)}`);
}

function findApiVersion(ctx: StepContext, kind: string): string {
  for (const list of Object.values(ctx.objects)) {
    const o = list.find((x) => x.object.kind === kind);
    if (o) return o.object.apiVersion;
  }
  throw new AppError('STEP_UNKNOWN_KIND', `kind ${kind} is neither a common kind nor in the scenario's manifests`);
}

function firstContainer(ctx: StepContext, pod: string): string {
  for (const list of Object.values(ctx.objects)) {
    const o = list.find((x) => x.object.kind === 'Pod' && x.object.metadata.name === pod);
    const c = (o?.object.spec as { containers?: Array<{ name: string }> } | undefined)?.containers?.[0];
    if (c) return c.name;
  }
  throw new AppError('STEP_NO_CONTAINER', `exec: name the container; pod ${pod} is not in the scenario's manifests`);
}
