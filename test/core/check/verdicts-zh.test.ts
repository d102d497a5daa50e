// SPDX-License-Identifier: Apache-2.0
// Verdicts in Chinese: every predicate, anchor and actual state the judges quote reads in Chinese,
// and the check that says so does find English (checker.test.ts runs it on every judge's verdicts).
import type { Observation } from '@contract/observation';
import type { Anchor, Expectation, Predicate } from '@contract/scenario';
import { describe, expect, it } from 'vitest';
import { describeAnchor } from '../../../src-main/core/check/anchors';
import { Checker } from '../../../src-main/core/check/checker';
import { describePredicate } from '../../../src-main/core/check/predicate';
import { describeActual } from '../../../src-main/core/check/predicate-actual';
import { TimelineState } from '../../../src-main/core/check/timeline-state';
import { englishPhrases } from '../../i18n/english';
import { RUN_START, TimelineBuilder } from './timeline-builder';
import { expectChinese } from './verdict-chinese';

const PREDICATES: Predicate[] = [
  { condition: 'Ready', status: 'True' },
  { pod: 'db', condition: 'Ready', status: 'False', reason: 'ContainersNotReady' },
  { container: 'app', state: 'running' },
  { container: 'app', state: 'waiting', reason: 'CrashLoopBackOff', restartsAtLeast: 2 },
  { container: 'app', lastReason: 'OOMKilled', exitCode: 137 },
  { container: 'app', ready: false, started: true },
  { container: 'app' },
  { column: 'status', equals: 'Init:Error' },
  { column: 'restarts', matches: '^3' },
  { column: 'ready' },
  { phase: 'Succeeded' },
  { exists: false },
  { pod: 'web-1', exists: true },
  { terminating: true },
  { terminating: false },
  { endpoint: { service: 'svc' }, ready: false, terminating: true },
  { endpoint: { service: 'svc', pod: 'web' }, present: false },
  { traffic: 'curl', ok: true },
  { traffic: 'curl', ok: false },
  { event: { reason: 'Killing', message: 'failed liveness', object: 'web' } },
  { stepDone: 'break' },
  { execResult: 'show-env', exitCode: 0, output: 'x' },
  { execResult: 'show-env' },
  { all: [{ phase: 'Running' }, { any: [{ condition: 'Ready', status: 'True' }, { exists: false }] }] },
  { not: { condition: 'Ready', status: 'True' } },
];

const ANCHORS: Anchor[] = [
  'start',
  { step: 'break' },
  { became: { condition: 'Ready', status: 'True' } },
  { deletionRequested: {} },
  { deletionRequested: { pod: 'web' } },
  { containerStarted: { container: 'app' } },
  { containerFinished: { pod: 'web', container: 'app', instance: 2 } },
];

/** Three worlds to describe what was seen in: nothing yet, a crash-looping pod with traffic and an endpoint, the pod gone. */
function worlds(): TimelineState[] {
  const empty = new TimelineState(RUN_START);
  const busy = new TimelineState(RUN_START);
  const b = new TimelineBuilder()
    .pod(1, { phase: 'Running', ready: false, containers: [{ name: 'app', state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 2, last: { exitCode: 1, reason: 'Error' } }] })
    .endpoint(2, { service: 'svc', pod: 'web' })
    .traffic(3, 'curl', true)
    .step(4, 'break', 'done');
  for (const o of b.build()) busy.apply(o);
  const gone = new TimelineState(RUN_START);
  for (const o of new TimelineBuilder().pod(1, { phase: 'Running' }).build()) gone.apply(o);
  gone.apply({ kind: 'pod-gone', t: 5000, pod: 'web' } as Observation);
  return [empty, busy, gone];
}

const noEnglish = (text: string, options?: { fragment: boolean }) => expect(englishPhrases(text, options), text).toEqual([]);

describe('the engine speaks Chinese', () => {
  it.each(PREDICATES.map((p) => [describePredicate(p), p] as const))('describes "%s" in Chinese', (_, p) => {
    noEnglish(describePredicate(p, 'zh'), { fragment: true });
    for (const state of worlds()) noEnglish(describeActual(p, state, 'web', 'zh'), { fragment: true });
  });

  it.each(ANCHORS.map((a) => [describeAnchor(a), a] as const))('names the anchor "%s" in Chinese', (_, a) => {
    const zh = describeAnchor(a, 'zh');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    noEnglish(zh);
  });

  it('says why a verdict a watch gap blinded is undecided, in Chinese', () => {
    const e = { id: 'e', explain: { zh: '', en: '' }, holds: { condition: 'Ready', status: 'True' }, during: { from: 10, to: 30 } } as Expectation;
    const checker = new Checker({ expectations: [e], params: {}, subject: 'web', runStartedAt: RUN_START });
    const seen = new TimelineBuilder().pod(1, { phase: 'Running', ready: true }).build();
    for (const o of seen) checker.observe(o);
    checker.observe({ kind: 'gap', t: 20_000, resource: 'pods', from: 12_000, fromResourceVersion: '1', toResourceVersion: '2', reason: 'too old resource version: 1 (2)' });
    checker.finish(40_000);
    const [v] = checker.verdicts();
    expect(v?.detailZh).toMatch(/^无法确定：pods 的 watch 在 12\.0 秒到 20\.0 秒之间失去了跟踪/);
    expect(v?.detailZh).toMatch(/会判为通过：Ready=True 从 10\.0 秒到 30\.0 秒一直成立$/);
  });

  it('finds English where it was left', () => {
    expectChinese([{ expectationId: 'ok', state: 'pass', detail: '', detailZh: 'Ready=True 在 27.1 秒成立（web 处于 waiting（CrashLoopBackOff））' }]);
    expect(englishPhrases('运行在 12.0 秒结束, before the window opened')).toEqual(['before the window opened']);
    expect(englishPhrases('passed')).toEqual(['passed']);
    expect(englishPhrases('NAME READY STATUS initialDelaySeconds SIGTERM')).toEqual([]);
  });
});
