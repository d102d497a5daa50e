// SPDX-License-Identifier: Apache-2.0
// Every Predicate variant, true and false, against small constructed timelines.

import type { Observation } from '@contract/observation';
import type { Predicate } from '@contract/scenario';
import { describe, expect, it } from 'vitest';
import { describePredicate, evaluatePredicate, predicateValue } from '../../../src-main/core/check/predicate';
import { TimelineState } from '../../../src-main/core/check/timeline-state';
import { RUN_START, TimelineBuilder } from './timeline-builder';

function stateOf(observations: Observation[]): TimelineState {
  const state = new TimelineState(RUN_START);
  for (const o of observations) state.apply(o);
  return state;
}

const running = new TimelineBuilder()
  .pod(1, { phase: 'Pending', containers: [{ name: 'app', state: 'waiting', reason: 'ContainerCreating' }] })
  .pod(3, {
    phase: 'Running',
    podIP: '10.244.0.7',
    ready: true,
    conditions: { PodScheduled: 'True' },
    containers: [{ name: 'app', state: 'running', startedAt: 2, ready: true, started: true, restartCount: 2, last: { exitCode: 137, reason: 'Error', startedAt: 1, finishedAt: 2 } }],
  })
  .pod(3, { phase: 'Running', containers: [{ name: 'side', kind: 'sidecar', state: 'running', startedAt: 2, ready: false }] }, 'other')
  .endpoint(4, { service: 'svc', pod: 'web', ready: true, serving: true })
  .endpoint(4, { service: 'svc', address: '10.244.0.9', ready: false, serving: true, terminating: true })
  .traffic(5, 'curl', false)
  .traffic(6, 'curl', true)
  .event(6, { reason: 'Unhealthy', type: 'Warning', message: 'Liveness probe failed: cat: /tmp/healthy: No such file or directory' })
  .event(6, { reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container', object: 'other' })
  .step(7, 'break', 'done')
  .build();

const crashing = new TimelineBuilder()
  .pod(10, {
    phase: 'Running',
    ready: false,
    status: 'CrashLoopBackOff',
    containers: [{ name: 'app', state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 3, last: { exitCode: 1, reason: 'Error', finishedAt: 9 } }],
  })
  .build();

const terminated = new TimelineBuilder()
  .pod(10, { phase: 'Running', status: 'Init:Error', containers: [{ name: 'init', kind: 'init', state: 'terminated', reason: 'Error', exitCode: 2, startedAt: 8, finishedAt: 9 }] })
  .build();

const deleting = new TimelineBuilder().pod(1, { phase: 'Running' }).pod(20, { deleting: { at: 19, grace: 30 } }).build();
const gone = new TimelineBuilder().pod(1, { phase: 'Running' }).gone(2).build();
const nothing: Observation[] = [];
const endpointLeft = new TimelineBuilder()
  .pod(1, { phase: 'Running', podIP: '10.244.0.7' })
  .endpoint(2, { service: 'svc', ready: true, serving: true })
  .endpoint(3, { service: 'svc', ready: false, present: false })
  .build();

interface Row {
  name: string;
  p: Predicate;
  timeline: Observation[];
  want: boolean;
}

describe('evaluatePredicate', () => {
  it.each<Row>([
    { name: 'phase matches', p: { phase: 'Running' }, timeline: running, want: true },
    { name: 'phase differs', p: { phase: 'Pending' }, timeline: running, want: false },
    { name: 'phase of a named pod', p: { pod: 'other', phase: 'Running' }, timeline: running, want: true },
    { name: 'phase of a pod that is gone', p: { phase: 'Running' }, timeline: gone, want: false },
    { name: 'phase of a pod never seen', p: { phase: 'Pending' }, timeline: nothing, want: false },
    { name: 'condition status matches', p: { condition: 'Ready', status: 'True' }, timeline: running, want: true },
    { name: 'condition status differs', p: { condition: 'Ready', status: 'False' }, timeline: running, want: false },
    { name: 'condition absent is no status at all', p: { condition: 'Initialized', status: 'False' }, timeline: running, want: false },
    { name: 'condition reason not shown', p: { condition: 'Ready', status: 'True', reason: 'PodCompleted' }, timeline: running, want: false },
    { name: 'container state', p: { container: 'app', state: 'running' }, timeline: running, want: true },
    { name: 'container state differs', p: { container: 'app', state: 'waiting' }, timeline: running, want: false },
    { name: 'container reason, whole-word regex', p: { container: 'app', reason: 'CrashLoop.*' }, timeline: crashing, want: true },
    { name: 'reason regex must match the whole reason', p: { container: 'app', reason: 'BackOff' }, timeline: crashing, want: false },
    { name: 'reason alternatives', p: { container: 'app', reason: 'Error|CrashLoopBackOff' }, timeline: crashing, want: true },
    { name: 'exit code of a terminated container', p: { container: 'init', state: 'terminated', exitCode: 2 }, timeline: terminated, want: true },
    { name: 'exit code of the previous instance while running', p: { container: 'app', exitCode: 137 }, timeline: running, want: true },
    { name: 'exit code differs', p: { container: 'app', exitCode: 0 }, timeline: crashing, want: false },
    { name: 'container ready', p: { container: 'app', ready: true }, timeline: running, want: true },
    { name: 'container not ready', p: { pod: 'other', container: 'side', ready: true }, timeline: running, want: false },
    { name: 'container started', p: { container: 'app', started: true }, timeline: running, want: true },
    { name: 'started unknown counts as not started', p: { pod: 'other', container: 'side', started: false }, timeline: running, want: true },
    { name: 'restarts at least', p: { container: 'app', restartsAtLeast: 3 }, timeline: crashing, want: true },
    { name: 'restarts fewer', p: { container: 'app', restartsAtLeast: 4 }, timeline: crashing, want: false },
    { name: 'container missing', p: { container: 'db', state: 'running' }, timeline: running, want: false },
    { name: 'column equals', p: { column: 'status', equals: 'Init:Error' }, timeline: terminated, want: true },
    { name: 'column equals differs', p: { column: 'status', equals: 'Error' }, timeline: terminated, want: false },
    { name: 'column matches anywhere', p: { column: 'status', matches: 'Init:' }, timeline: terminated, want: true },
    { name: 'column READY', p: { column: 'ready', equals: '1/1' }, timeline: running, want: true },
    { name: 'column RESTARTS matches', p: { column: 'restarts', matches: '^[12]$' }, timeline: crashing, want: false },
    { name: 'exists', p: { exists: true }, timeline: running, want: true },
    { name: 'exists false while it exists', p: { exists: false }, timeline: running, want: false },
    { name: 'exists false once gone', p: { exists: false }, timeline: gone, want: true },
    { name: 'exists false when never seen', p: { exists: false }, timeline: nothing, want: true },
    { name: 'exists true when never seen', p: { exists: true }, timeline: nothing, want: false },
    { name: 'terminating', p: { terminating: true }, timeline: deleting, want: true },
    { name: 'not terminating', p: { terminating: false }, timeline: running, want: true },
    { name: 'terminating when gone', p: { terminating: true }, timeline: gone, want: false },
    { name: 'endpoint named by pod, ready', p: { endpoint: { service: 'svc' }, ready: true, serving: true }, timeline: running, want: true },
    { name: 'endpoint not terminating', p: { endpoint: { service: 'svc' }, terminating: true }, timeline: running, want: false },
    { name: 'endpoint of another service', p: { endpoint: { service: 'other' }, present: true }, timeline: running, want: false },
    { name: 'endpoint matched by pod IP', p: { endpoint: { service: 'svc' }, ready: true }, timeline: endpointLeft.slice(0, 2), want: true },
    { name: 'endpoint left the slice', p: { endpoint: { service: 'svc' }, present: false }, timeline: endpointLeft, want: true },
    { name: 'absent endpoint is not "ready: false"', p: { endpoint: { service: 'svc' }, ready: false }, timeline: endpointLeft, want: false },
    { name: 'endpoint never seen', p: { endpoint: { service: 'svc', pod: 'other' }, present: false }, timeline: running, want: true },
    { name: 'latest traffic ok', p: { traffic: 'curl', ok: true }, timeline: running, want: true },
    { name: 'latest traffic not failing', p: { traffic: 'curl', ok: false }, timeline: running, want: false },
    { name: 'traffic never sent', p: { traffic: 'wget', ok: false }, timeline: running, want: false },
    { name: 'event seen', p: { event: { reason: 'Unhealthy' } }, timeline: running, want: true },
    { name: 'event message regex', p: { event: { reason: 'Unhealthy', message: '^Liveness probe failed' } }, timeline: running, want: true },
    { name: 'event message differs', p: { event: { reason: 'Unhealthy', message: 'Readiness' } }, timeline: running, want: false },
    { name: 'event type differs', p: { event: { reason: 'Unhealthy', type: 'Normal' } }, timeline: running, want: false },
    { name: 'event on another pod is not the subject’s', p: { event: { reason: 'BackOff' } }, timeline: running, want: false },
    { name: 'event on a named object', p: { event: { reason: 'BackOff', object: 'other' } }, timeline: running, want: true },
    { name: 'step done', p: { stepDone: 'break' }, timeline: running, want: true },
    { name: 'step not done', p: { stepDone: 'fix' }, timeline: running, want: false },
    { name: 'all true', p: { all: [{ phase: 'Running' }, { condition: 'Ready', status: 'True' }] }, timeline: running, want: true },
    { name: 'all with one false', p: { all: [{ phase: 'Running' }, { condition: 'Ready', status: 'False' }] }, timeline: running, want: false },
    { name: 'any with one true', p: { any: [{ phase: 'Failed' }, { phase: 'Running' }] }, timeline: running, want: true },
    { name: 'any all false', p: { any: [{ phase: 'Failed' }, { phase: 'Succeeded' }] }, timeline: running, want: false },
    { name: 'not', p: { not: { condition: 'Ready', status: 'True' } }, timeline: crashing, want: true },
    { name: 'not of a true one', p: { not: { phase: 'Running' } }, timeline: running, want: false },
  ])('$name → $want', ({ p, timeline, want }) => {
    expect(evaluatePredicate(p, stateOf(timeline), 'web')).toBe(want);
  });

  it('throws on a broken regular expression', () => {
    expect(() => evaluatePredicate({ column: 'status', matches: '(' }, stateOf(running), 'web')).toThrow();
  });
});

describe('predicateValue: what the timeline cannot tell yet', () => {
  const early = new TimelineBuilder().traffic(1, 'other', true).build();
  it.each<{ name: string; p: Predicate; timeline: Observation[]; want: boolean | undefined }>([
    { name: 'a condition of a pod not seen yet', p: { condition: 'Ready', status: 'False' }, timeline: early, want: undefined },
    { name: 'its negation too', p: { not: { condition: 'Ready', status: 'True' } }, timeline: early, want: undefined },
    { name: 'exists is always known', p: { exists: false }, timeline: early, want: true },
    { name: 'a pod that is gone is known', p: { phase: 'Running' }, timeline: gone, want: false },
    { name: 'all: one false decides', p: { all: [{ phase: 'Running' }, { stepDone: 'x' }] }, timeline: early, want: false },
    { name: 'all: otherwise unknown', p: { all: [{ phase: 'Running' }, { exists: false }] }, timeline: early, want: undefined },
    { name: 'any: one true decides', p: { any: [{ phase: 'Running' }, { exists: false }] }, timeline: early, want: true },
    { name: 'any: otherwise unknown', p: { any: [{ phase: 'Running' }, { stepDone: 'x' }] }, timeline: early, want: undefined },
    { name: 'traffic not sent yet', p: { traffic: 'curl', ok: false }, timeline: early, want: undefined },
    { name: 'an endpoint not seen yet', p: { endpoint: { service: 'svc' }, ready: false }, timeline: early, want: undefined },
    {
      name: 'a container the kubelet has not reported yet',
      p: { container: 'app', state: 'waiting', reason: 'PodInitializing' },
      timeline: new TimelineBuilder().pod(1, { containers: [{ name: 'app' }] }).build(),
      want: undefined,
    },
    {
      name: 'a container reported waiting',
      p: { container: 'app', state: 'waiting', reason: 'PodInitializing' },
      timeline: new TimelineBuilder().pod(1, { containers: [{ name: 'app', reason: 'PodInitializing' }] }).build(),
      want: true,
    },
    { name: 'an absent condition is known: not that status', p: { condition: 'Ready', status: 'False' }, timeline: new TimelineBuilder().pod(1, {}).build(), want: false },
    { name: 'an endpoint not seen yet is not present', p: { endpoint: { service: 'svc' }, present: false }, timeline: early, want: true },
  ])('$name → $want', ({ p, timeline, want }) => {
    expect(predicateValue(p, stateOf(timeline), 'web')).toBe(want);
  });
});

describe('describePredicate', () => {
  it.each<{ p: Predicate; want: string }>([
    { p: { condition: 'Ready', status: 'True' }, want: 'Ready=True' },
    { p: { pod: 'db', condition: 'Ready', status: 'False', reason: 'ContainersNotReady' }, want: 'db: Ready=False (ContainersNotReady)' },
    { p: { container: 'web', state: 'running' }, want: 'web running' },
    { p: { container: 'web', state: 'waiting', reason: 'CrashLoopBackOff', restartsAtLeast: 2 }, want: 'web waiting (CrashLoopBackOff) restarts ≥ 2' },
    { p: { container: 'web', ready: false }, want: 'web not ready' },
    { p: { column: 'status', equals: 'Init:Error' }, want: 'STATUS = Init:Error' },
    { p: { column: 'restarts', matches: '^3' }, want: 'RESTARTS ~ /^3/' },
    { p: { phase: 'Succeeded' }, want: 'phase Succeeded' },
    { p: { exists: false }, want: 'pod gone' },
    { p: { pod: 'web-1', exists: true }, want: 'pod web-1 exists' },
    { p: { terminating: true }, want: 'terminating' },
    { p: { endpoint: { service: 'svc' }, ready: false, terminating: true }, want: 'endpoint in svc ready=false, terminating=true' },
    { p: { endpoint: { service: 'svc', pod: 'web' }, present: false }, want: 'no endpoint of web in svc' },
    { p: { traffic: 'curl', ok: true }, want: 'traffic "curl" ok' },
    { p: { event: { reason: 'Killing', message: 'failed liveness' } }, want: 'event Killing /failed liveness/' },
    { p: { stepDone: 'break' }, want: 'step "break" done' },
    { p: { all: [{ phase: 'Running' }, { any: [{ condition: 'Ready', status: 'True' }, { exists: false }] }] }, want: 'phase Running and (Ready=True or pod gone)' },
    { p: { not: { condition: 'Ready', status: 'True' } }, want: 'not Ready=True' },
  ])('$want', ({ p, want }) => {
    expect(describePredicate(p)).toBe(want);
  });
});
