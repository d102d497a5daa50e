// SPDX-License-Identifier: Apache-2.0
// The pod outcome predictor against the kubelet's rules (ground truth §2.1, §2.4, §2.5, §3, §5.2),
// table-driven over the startup-probe-slow-nginx lesson and its variations, and probe edge cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ContainerOutcome } from '../../../src-main/contract/outcome';
import { predictOutcome, type AppParam } from '../../../src-main/core/predict/outcome';
import { restartsOf } from '../../../src-main/core/predict/outcome/restarts';
import { doProbeCalls } from '../../../src-main/core/predict/outcome/ticker';

const SLOW = readFileSync('scenarios/startup-probe-slow-nginx/slow-nginx.yaml', 'utf8');
const LIVENESS = readFileSync('scenarios/liveness-cat-healthy/liveness-exec.yaml', 'utf8');
const HANGS = readFileSync('scenarios/probe-timing-formula/hangs.yaml', 'utf8');
const nginxReadyAt20: AppParam[] = [{ name: 'appReadyAfter', value: 20, file: 'm.yaml', container: 'web' }];

function outcome(text: string, params: AppParam[] = nginxReadyAt20, horizon = 150): ContainerOutcome {
  const objects = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  const o = predictOutcome({ 'm.yaml': objects }, params, horizon);
  expect(o.containers).toHaveLength(1);
  return o.containers[0]!;
}

const edit = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
  return text.replace(from, to);
};
const slowWith = (...pairs: [string, string][]) => pairs.reduce((t, [a, b]) => edit(t, a, b), SLOW);
const moment = (o: ContainerOutcome, kind: string, instance = 1) => o.moments.find((m) => m.kind === kind && m.instance === instance);

interface Row {
  name: string;
  manifest: string;
  params?: AppParam[];
  verdict: ContainerOutcome['verdict'];
  /** [lo, hi] bounds the predicted range must lie in, and reach within 0.5 s */
  ready?: [number, number];
  kill?: [number, number];
  /** the first restart's start */
  restart?: [number, number];
  because: string;
}

describe('predictOutcome', () => {
  it.each<Row>([
    {
      name: 'the lesson as written',
      manifest: SLOW,
      verdict: 'ready',
      ready: [20, 25],
      because: 'first tick at or after D = 20 s lands in [19, 25) (startedAt truncated); one failure before 20 s is inside F = 2, the next tick passes',
    },
    {
      name: 'variation: failureThreshold 1',
      manifest: slowWith(['failureThreshold: 2', 'failureThreshold: 1']),
      verdict: 'may-restart',
      ready: [20, 25],
      kill: [19, 20],
      because: 'a first tick in the last second before nginx listens is the whole budget: killed in some phases only',
    },
    {
      name: 'variation: initialDelaySeconds 0',
      manifest: slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 0']),
      verdict: 'restart-loop',
      kill: [5, 10],
      restart: [35, 48],
      because: 'ticks at φ and φ + 5 both fail long before 20 s; sh (PID 1) ignores SIGTERM so the kill waits the 30 s default grace, then the first restart is at once (+8 s slack)',
    },
    {
      name: 'initialDelaySeconds 10 (the issue’s case)',
      manifest: slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 10']),
      verdict: 'restart-loop',
      kill: [14, 20],
      because: 'first tick in [9, 15), the second 5 s later, both before nginx listens at 20 s',
    },
    {
      name: 'initialDelaySeconds 0 with a 5 s grace period',
      manifest: slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 0'], ['spec:\n  containers:', 'spec:\n  terminationGracePeriodSeconds: 5\n  containers:']),
      verdict: 'restart-loop',
      kill: [5, 10],
      restart: [10, 23],
      because: 'the grace period, not the probe, sets when the container is gone: kill + 5 s',
    },
    {
      name: 'a probe-level grace period wins over the pod’s',
      manifest: slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 0'], ['failureThreshold: 2', 'failureThreshold: 2\n        terminationGracePeriodSeconds: 3']),
      verdict: 'restart-loop',
      kill: [5, 10],
      restart: [8, 21],
      because: 'setTerminationGracePeriod: startupProbe.terminationGracePeriodSeconds over the pod’s 30 s',
    },
    {
      name: 'a budget that fits: D 0, P 5, F 7',
      manifest: slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 0'], ['failureThreshold: 2', 'failureThreshold: 7']),
      verdict: 'ready',
      ready: [20, 25],
      because: 'four failing ticks before 20 s, the fifth passes: 4 < 7',
    },
    {
      name: 'a longer period: P 10, F 2',
      manifest: slowWith(['periodSeconds: 5', 'periodSeconds: 10']),
      verdict: 'ready',
      ready: [20, 30],
      because: 'first tick in [19, 30): at worst one failure then a pass 10 s later',
    },
    {
      name: 'restartPolicy Never',
      manifest: slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 0'], ['spec:\n  containers:', 'spec:\n  restartPolicy: Never\n  containers:']),
      verdict: 'killed',
      kill: [5, 10],
      because: 'a startup kill is an exit 137; Never does not restart, the pod fails',
    },
    {
      name: 'liveness-cat-healthy: breaks at 30 s',
      manifest: LIVENESS,
      params: [{ name: 'breakAfter', value: 30, file: 'm.yaml', container: 'liveness' }],
      verdict: 'restart-loop',
      kill: [40, 45],
      restart: [50, 63],
      because: 'the first failing tick in [30, 35), killed (3−1)×5 s later; sh ignores SIGTERM, so the 10 s grace; then at once',
    },
    {
      name: 'probe-timing-formula hangs: a probe that times out',
      manifest: HANGS,
      params: [],
      verdict: 'restart-loop',
      kill: [23, 29],
      because: 'each `sleep 10` fails at its 4 s timeout, ticks stay 5 s apart: kill in [D + (F−1)P + T, D + FP + T)',
    },
    {
      name: 'a hanging probe longer than its period drops ticks',
      manifest: edit(HANGS, 'timeoutSeconds: 4', 'timeoutSeconds: 7'),
      params: [],
      verdict: 'restart-loop',
      kill: [30, 36],
      because: 'the buffered tick runs as the 7 s probe returns, the others are dropped: failures 7 s apart, the third known 21 s after the first tick',
    },
  ])('$name', ({ manifest, params, verdict, ready, kill, restart, because }) => {
    const o = outcome(manifest, params);
    expect(o.verdict, because).toBe(verdict);
    for (const [range, want] of [[o.readyAt, ready], [o.firstKill, kill], [o.restartsAt[0]?.start, restart]] as const) {
      if (!want) continue;
      expect(range, because).toBeDefined();
      expect(range!.lo, because).toBeGreaterThanOrEqual(want[0] - 0.5);
      expect(range!.lo, because).toBeLessThanOrEqual(want[0] + 0.5);
      expect(range!.hi, because).toBeGreaterThanOrEqual(want[1] - 0.5);
      expect(range!.hi, because).toBeLessThanOrEqual(want[1] + 0.5);
    }
    if (verdict === 'ready') expect(o.restarts).toEqual({ lo: 0, hi: 0 });
  });

  it('says what happens, in both languages, with the key times', () => {
    const loop = outcome(slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 0']));
    expect(loop.sentence.en).toMatch(/killed by the startup probe at ~5–10 s.*restart loop.*never Ready/);
    expect(loop.sentence.zh).toMatch(/约 5–10 秒被启动探针杀死.*重启循环.*永远不会 Ready/);
    expect(outcome(SLOW).sentence.en).toBe('web: Ready at ~20–25 s, no restart.');
    const maybe = outcome(slowWith(['failureThreshold: 2', 'failureThreshold: 1']));
    expect(maybe.killChance).toBeGreaterThan(0.05);
    expect(maybe.killChance).toBeLessThan(0.2);
    expect(maybe.sentence.en).toMatch(/about \d+% of starts/);
  });

  it('marks moments that happen in some phases only as possible', () => {
    const maybe = outcome(slowWith(['failureThreshold: 2', 'failureThreshold: 1']));
    expect(moment(maybe, 'kill')?.possible).toBe(true);
    expect(moment(outcome(slowWith(['initialDelaySeconds: 20', 'initialDelaySeconds: 0'])), 'kill')?.possible).toBe(false);
  });

  it('readiness: successThreshold passes in a row, and never Ready when the app never answers', () => {
    const readiness = (extra: string, params: AppParam[]) =>
      outcome(
        `apiVersion: v1\nkind: Pod\nmetadata: { name: r }\nspec:\n  containers:\n    - name: web\n      image: nginx\n      readinessProbe:\n        tcpSocket: { port: 80 }\n        periodSeconds: 5\n${extra}`,
        params,
      );
    const three = readiness('        successThreshold: 3\n', [{ name: 'appReadyAfter', value: 10, file: 'm.yaml', container: 'web' }]);
    expect(three.verdict).toBe('ready');
    expect(three.readyAt!.lo).toBeGreaterThanOrEqual(20 - 0.5);
    expect(three.readyAt!.hi).toBeLessThanOrEqual(25 + 0.5);
    const never = readiness('', [{ name: 'appReadyAfter', value: 10_000, file: 'm.yaml', container: 'web' }]);
    expect(never.verdict).toBe('never-ready');
    expect(never.restarts).toEqual({ lo: 0, hi: 0 });
  });

  it('says what it assumed when the lesson gives no start delay', () => {
    const o = predictOutcome({ 'm.yaml': parseAllDocuments(HANGS).map((d) => d.toJS() as unknown) }, [], 120);
    expect(o.assumptions.map((a) => a.en).join(' ')).toMatch(/assumed to answer its probes from the start/);
  });
});

describe('doProbeCalls', () => {
  it('runs on the ticker, and a probe longer than the period takes the buffered tick and drops the rest', () => {
    const quick = [...doProbeCalls(-2, 5, 0, 20, () => 0)].map((a) => a.at);
    expect(quick).toEqual([3, 8, 13, 18]);
    const slow = [...doProbeCalls(0, 5, 0, 30, () => 12)].map((a) => a.at);
    expect(slow).toEqual([0, 12, 24]);
  });
});

describe('restartsOf', () => {
  it('waits 0, 10, 20, 40 … s after each exit, capped at 300 s', () => {
    const starts = restartsOf({ lo: 0, hi: 0 }, 2000, 8).map((r) => [r.backoff, r.start.lo]);
    expect(starts).toEqual([[0, 0], [10, 10], [20, 30], [40, 70], [80, 150], [160, 310], [300, 610], [300, 910]]);
  });
});
