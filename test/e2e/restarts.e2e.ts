// SPDX-License-Identifier: Apache-2.0
// Restarts in a real browser on the real test cluster, at 1024×700. The crash-loop lesson: the
// timeline in view during the run, each back-off wait drawn from the crash to the restart and
// labelled with the kubelet's own back-off (10 s, 20 s …), the wait in progress counting down. The
// liveness lesson: the kill's SIGTERM, the grace period counting down to SIGKILL, and the exit at
// the deadline (busybox's sh, PID 1, ignores SIGTERM). Every drawn time is checked within 1 s of the
// observations the engine recorded (read from the engine, not from the page).
import type { ContainerSnapshot, Observation } from '@contract/observation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, LabHarness } from './pages/lab-harness';
import { LabPage } from './pages/lab-page';

const SCENARIO = 'restart-always-crashloop';
const POD = 'test-restartpolicy1';
const LANE = `[data-lane="restarts/${POD}/${POD}"]`;

let h: LabHarness;
let lab: LabPage;

beforeAll(async () => {
  h = await LabHarness.start('restarts', { viewport: { width: 1024, height: 700 }, locale: 'en-US' });
  lab = new LabPage(h.page, ARTIFACTS);
  await lab.open(h.server.url);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/**
 * From the recorded observations: each crash (the instance first seen terminated) and the restart that
 * ended its wait (the next instance first seen; seen already exited, it started as long before as the
 * kubelet says it ran).
 */
function waitsOf(observations: Observation[]): Array<{ crash: number; restart?: number; backOff?: string }> {
  const waits: Array<{ crash: number; restart?: number; backOff?: string }> = [];
  let restarts = 0;
  for (const o of observations) {
    if (o.kind !== 'pod' || o.pod !== POD) continue;
    const c = o.snapshot.containers[0] as ContainerSnapshot;
    const open = waits.at(-1)?.restart === undefined ? waits.at(-1) : undefined;
    if (c.restartCount > restarts && open) {
      const ran = c.state === 'terminated' && c.startedAt && c.finishedAt ? Date.parse(c.finishedAt) - Date.parse(c.startedAt) : 0;
      open.restart = Math.max(o.t - ran, open.crash);
    }
    restarts = Math.max(restarts, c.restartCount);
    if (c.state === 'terminated' && (!waits.length || waits.at(-1)!.restart !== undefined)) waits.push({ crash: o.t });
    const backOff = /back-off (\S+) restarting/.exec(c.message ?? '')?.[1];
    if (backOff && waits.at(-1)?.restart === undefined) waits.at(-1)!.backOff = backOff;
  }
  return waits;
}

describe('restarts, drawn', () => {
  it('shows each back-off wait with its length, counts the current one down, and matches the observations', async () => {
    await lab.openScenario(SCENARIO);
    // The lesson's question (seconds from the first crash to the restart), answered before Start.
    await lab.page.fill('[data-testid=prediction]', '10');
    await lab.start();
    await lab.page.waitForSelector('[data-testid=run-status]:text-is("running")', { timeout: 30_000 });
    // In view at 1024×700 while the run goes on, not below the fold.
    const box = await lab.page.locator('[data-testid=timeline]').boundingBox();
    expect(box, 'timeline drawn').not.toBeNull();
    expect(box!.y).toBeLessThan(700);

    // A wait in progress: the countdown to the end of its back-off runs between observations.
    await lab.page.waitForSelector(`${LANE} [data-testid=restart-countdown]`, { timeout: 120_000 });
    const left = [Number(await lab.page.getAttribute(`${LANE} [data-testid=restart-countdown]`, 'data-left'))];
    await lab.page.waitForTimeout(1200);
    const still = await lab.page.getAttribute(`${LANE} [data-testid=restart-countdown]`, 'data-left');
    if (still !== null) expect(left[0]! - Number(still), `${left[0]} then ${still}`).toBeGreaterThan(800);
    await lab.shotOf('.timeline-box', 'crash-loop-backoff-countdown');

    expect(await lab.waitForRunEnd(240_000)).toBe('passed');
    // Scored against the lesson's own window, not against one number: the first restart comes at once, so 10 s is above it.
    await expect(lab.page.textContent('[data-testid=prediction-result]')).resolves.toMatch(/^You said 10 s: [\d.]+ s above the lesson's window \[[\d.]+, [\d.]+\] s; observed [\d.]+ s\.$/);
    await expect(lab.page.getAttribute('[data-testid=prediction-result]', 'data-inside')).resolves.toBe('false');
    const runId = (await h.engine.listRuns({ scenarioId: SCENARIO }))[0]!.id;
    const observed = waitsOf((await h.engine.getRun({ runId })).observations).filter((w) => w.restart !== undefined);
    expect(observed.length, JSON.stringify(observed)).toBeGreaterThanOrEqual(3);

    const drawn = await lab.page.locator(`${LANE} [data-testid=segment]`).evaluateAll((els) =>
      els.map((el) => ({ from: Number(el.getAttribute('data-from')), to: Number(el.getAttribute('data-to')), label: el.getAttribute('data-label') ?? '' })),
    );
    const restartsDrawn = drawn.filter((s) => /restarted after/.test(s.label));
    expect(restartsDrawn.length, JSON.stringify(drawn)).toBe(observed.length);
    restartsDrawn.forEach((s, i) => {
      const w = observed[i]!;
      expect(Math.abs(s.from - w.crash), `wait ${i} starts at the crash`).toBeLessThanOrEqual(1000);
      expect(Math.abs(s.to - w.restart!), `wait ${i} ends at the restart`).toBeLessThanOrEqual(1000);
      // Labelled with the back-off the kubelet reported; the first crash restarts at once (none reported).
      if (w.backOff) expect(s.label).toContain(`back-off ${w.backOff.replace(/s$/, '')} s`);
      else expect(s.label).toContain('no back-off yet');
    });
    // The kubelet's sequence: at once, then 10 s, 20 s … — each wait at least its back-off, and longer than the one before.
    const lengths = restartsDrawn.map((s) => s.to - s.from);
    expect(observed.map((w) => w.backOff ?? '0s').slice(0, 3)).toEqual(['0s', '10s', '20s']);
    expect(lengths[1]!).toBeGreaterThanOrEqual(10_000 - 1000);
    expect(lengths[2]!).toBeGreaterThanOrEqual(20_000 - 1000);
    // Any mark tells where it comes from: hover one, or walk them from the keyboard.
    await lab.page.locator(`${LANE} [data-testid=segment]`).nth(1).hover();
    const info = (await lab.page.textContent('[data-testid=mark-info]')) ?? '';
    expect(info).toMatch(/back-off 10 s, restarted after/);
    expect(info).toContain('status.containerStatuses[name=test-restartpolicy1]');
    expect(info).toMatch(/kubectl -n podlab-\S+ get pod test-restartpolicy1 -o jsonpath=/);
    await lab.page.focus('[data-testid=timeline]');
    await lab.page.keyboard.press('Home');
    const first = Number(await lab.page.getAttribute('[data-testid=mark-info]', 'data-t'));
    await lab.page.keyboard.press('ArrowRight');
    await lab.page.keyboard.press('ArrowRight');
    expect(Number(await lab.page.getAttribute('[data-testid=mark-info]', 'data-t'))).toBeGreaterThanOrEqual(first);
    await lab.page.keyboard.press('End');
    expect(Number(await lab.page.getAttribute('[data-testid=mark-info]', 'data-t'))).toBeGreaterThan(first);
    await lab.shotOf('.timeline-box', 'crash-loop-timeline');
    await lab.page.emulateMedia({ colorScheme: 'dark' });
    await lab.switchLanguage();
    await lab.shotOf('.timeline-box', 'crash-loop-timeline-zh-dark');
    await expect(lab.page.locator(`${LANE} [data-testid=segment]`).first().getAttribute('data-label')).resolves.toMatch(/重启|退避/);
    await lab.switchLanguage();
    await lab.page.emulateMedia({ colorScheme: 'light' });
  }, 300_000);

  it('draws a liveness kill: SIGTERM, the grace period counting down to SIGKILL, the exit at the deadline', async () => {
    const lane = '[data-lane="restarts/liveness-exec/liveness"]';
    await lab.openScenario('liveness-cat-healthy');
    await lab.start();
    await lab.page.waitForSelector(`${lane} [data-testid=grace-countdown]`, { timeout: 120_000 });
    const left = [Number(await lab.page.getAttribute(`${lane} [data-testid=grace-countdown]`, 'data-left'))];
    await lab.page.waitForTimeout(1200);
    const still = await lab.page.getAttribute(`${lane} [data-testid=grace-countdown]`, 'data-left');
    if (still !== null) expect(left[0]! - Number(still), `${left[0]} then ${still}`).toBeGreaterThan(800);
    await lab.shotOf('.timeline-box', 'liveness-kill-countdown');
    expect(await lab.waitForRunEnd(180_000)).toBe('passed');

    const runId = (await h.engine.listRuns({ scenarioId: 'liveness-cat-healthy' }))[0]!.id;
    const observations = (await h.engine.getRun({ runId })).observations;
    const kill = observations.find((o) => o.kind === 'event' && o.reason === 'Killing');
    expect(kill, 'a Killing event').toBeDefined();
    const stop = await lab.page.locator(`${lane} [data-testid=segment]`).first().evaluate((el) => ({ from: Number(el.getAttribute('data-from')), to: Number(el.getAttribute('data-to')), label: el.getAttribute('data-label') }));
    expect(Math.abs(stop.from - kill!.t)).toBeLessThanOrEqual(1000);
    expect(stop.label).toMatch(/^stopped \d+\.\d s after SIGTERM$/);
    // terminationGracePeriodSeconds 10: the deadline 10 s after the kill, and the exit came with it (SIGKILL, 137)
    const deadline = Number(await lab.page.getAttribute(`${lane} [data-testid=tick][data-mark="⚡"]`, 'data-t'));
    expect(deadline - stop.from).toBe(10_000);
    expect(Math.abs(stop.to - deadline), `exit at ${stop.to}, deadline ${deadline}`).toBeLessThanOrEqual(2000);
    await lab.shotOf('.timeline-box', 'liveness-kill-timeline');
  }, 240_000);
});
