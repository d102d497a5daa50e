// SPDX-License-Identifier: Apache-2.0
// The learner's journey in a real browser (Debian's Chromium), against the real engine on the real
// test cluster, through browser mode: catalog → language → the startupProbe scenario → Start →
// observations → expectations turn ✓ → the Ready transition inside its band → export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, LabHarness } from './pages/lab-harness';
import { LabPage } from './pages/lab-page';

const SCENARIO = 'startup-probe-slow-nginx';

let h: LabHarness;
let lab: LabPage;

beforeAll(async () => {
  h = await LabHarness.start('e2e', { viewport: { width: 1440, height: 1000 }, locale: 'en-US', acceptDownloads: true });
  lab = new LabPage(h.page, ARTIFACTS);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('the lab in a browser', () => {
  it('opens the catalog, in English by default for an English browser', async () => {
    await lab.open(h.server.url);
    const titles = await lab.catalogTitles();
    expect(titles).toContain('A slow nginx guarded by a startupProbe');
    await lab.shot('01-catalog');
  });

  it('suggests where to start, and works from the keyboard: skip link, arrow keys, Enter in search', async () => {
    await expect(lab.page.textContent('[data-testid=progress-summary]')).resolves.toMatch(/^0 of \d+ lessons passed\.$/);
    await expect(lab.page.textContent('[data-testid=suggested]')).resolves.toMatch(/^Start here: /);
    await lab.page.keyboard.press('Tab');
    await expect(lab.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).resolves.toBe('Skip to the lesson');
    const items = lab.page.locator('[data-testid=catalog-item]');
    await items.nth(0).focus();
    await lab.page.keyboard.press('ArrowDown');
    await expect(items.nth(1).evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).resolves.toBe(true);
    await lab.page.keyboard.press('End');
    await expect(items.last().evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).resolves.toBe(true);
    const search = lab.page.getByRole('searchbox');
    await search.fill('startupProbe guarded');
    await search.press('Enter');
    await lab.page.waitForSelector(`[data-testid=scenario][data-id=${SCENARIO}]`);
    await search.fill('');
  });

  it('switches every text to Chinese and back', async () => {
    await lab.switchLanguage();
    expect(await lab.catalogTitles()).toContain('用 startupProbe 保护启动慢的 nginx');
    expect(await lab.page.getAttribute('html', 'lang')).toBe('zh-CN');
    await lab.shot('02-zh');
    await lab.switchLanguage();
    expect(await lab.catalogTitles()).toContain('A slow nginx guarded by a startupProbe');
  });

  it('opens the startupProbe scenario with its expected outcome from the database', async () => {
    await lab.openScenario(SCENARIO);
    expect(await lab.page.locator('[data-testid=expectation]').count()).toBe(6);
    expect(await lab.page.locator('[data-testid=manifest-field]').count()).toBeGreaterThanOrEqual(3);
    await lab.shot('03-scenario');
  });

  it('checks a What-if field as the API would, next to the field, before any run', async () => {
    const period = lab.page.locator('[data-param=startupPeriod]');
    const before = await period.inputValue();
    for (const [typed, error] of [['2.5', /whole number/], ['', /a value is needed/], ['0', /at least 1/]] as const) {
      await period.fill(typed);
      await expect(lab.page.locator('[data-testid=field-error]').textContent()).resolves.toMatch(error);
    }
    await period.fill('3');
    await expect(lab.page.locator('[data-testid=field-error]').count()).resolves.toBe(0);
    await lab.page.waitForSelector('[data-testid=predicted-window]');
    await lab.page.getByRole('button', { name: 'Undo changes' }).click();
    await period.fill(before);
    await expect(lab.page.locator('[data-testid=field-error]').count()).resolves.toBe(0);
  });

  it('runs it live: observations arrive, expectations turn ✓, the Ready transition falls in its band', async () => {
    await lab.start();
    await lab.page.waitForSelector('[data-testid=event-row]', { timeout: 60_000 });
    // The clock runs between observations: five looks 150 ms apart see it move each time.
    const looks: number[] = [];
    for (let i = 0; i < 5; i++) {
      looks.push(Number(await lab.page.getAttribute('[data-testid=run-clock]', 'data-t')));
      await lab.page.waitForTimeout(150);
    }
    expect(looks.every((v, i) => i === 0 || v > looks[i - 1]!), looks.join(' ')).toBe(true);
    // At 1024×700 the timeline is on screen during the run.
    await lab.page.setViewportSize({ width: 1024, height: 700 });
    const box = await lab.page.locator('[data-testid=timeline]').boundingBox();
    expect(box && box.y + 80 < 700, JSON.stringify(box)).toBe(true);
    await lab.page.screenshot({ path: join(ARTIFACTS, '04a-running-1024x700.png') });
    await lab.page.setViewportSize({ width: 1440, height: 1000 });
    await lab.page.waitForSelector('[data-testid=lane][data-lane="pod/slow-nginx"]');
    await lab.shot('04-observations');
    await lab.page.waitForSelector('[data-testid=expectation][data-id=ready-when-startup-probe-passes][data-state=pass]', { timeout: 120_000 });
    await lab.shot('05-ready');
    const status = await lab.waitForRunEnd(150_000);
    expect(status).toBe('passed');
    for (const id of ['running-but-not-ready', 'ready-when-startup-probe-passes', 'service-refuses-while-not-ready', 'traffic-only-after-ready', 'no-restart', 'ends-running']) {
      expect(await lab.expectationState(id), id).toBe('pass');
    }
    const readyAt = await lab.laneChangeAt('ready/slow-nginx', 'Ready=True');
    const band = await lab.band('ready-when-startup-probe-passes');
    expect(readyAt).toBeDefined();
    expect(band.state).toBe('pass');
    expect(readyAt!).toBeGreaterThanOrEqual(band.lo);
    expect(readyAt!).toBeLessThanOrEqual(band.hi);
    // The startup probe's lane: its initialDelaySeconds span, and its success inferred where the pod turned Ready.
    const startupLane = '[data-lane="probe/slow-nginx/web/startup"]';
    await expect(lab.page.getAttribute(`${startupLane} [data-testid=segment][data-label="initialDelaySeconds 20 s"]`, 'data-from')).resolves.not.toBeNull();
    const success = Number(await lab.page.getAttribute(`${startupLane} [data-testid=tick].ok`, 'data-t'));
    expect(Math.abs(success - readyAt!)).toBeLessThanOrEqual(1000);
    await lab.shot('06-passed');
    await lab.shotOf('.timeline-box', '07-timeline');
    // The same screen as a learner may have it: Chinese and dark, at 1440 and 1024 wide.
    await lab.page.emulateMedia({ colorScheme: 'dark' });
    await lab.switchLanguage();
    await lab.page.screenshot({ path: join(ARTIFACTS, '06-passed-zh-dark-1440.png') });
    await lab.page.setViewportSize({ width: 1024, height: 700 });
    await lab.page.screenshot({ path: join(ARTIFACTS, '06-passed-zh-dark-1024.png') });
    await lab.page.setViewportSize({ width: 1440, height: 1000 });
    await lab.switchLanguage();
    await lab.page.emulateMedia({ colorScheme: 'light' });
  }, 240_000);

  it('exports the run as a self-contained HTML report and JSON', async () => {
    const files = await lab.exportRun(ARTIFACTS);
    const html = files.find((f) => f.endsWith('.html'))!;
    const json = files.find((f) => f.endsWith('.json'))!;
    const data = JSON.parse(readFileSync(json, 'utf8')) as { format: string; verdicts: Array<{ state: string }>; cluster: { kubernetesVersion: string }; manifests: object; logs: unknown[]; timeline: unknown[] };
    expect(data.format).toBe('podlab-run/v1');
    expect(data.verdicts.every((v) => v.state === 'pass')).toBe(true);
    expect(data.cluster.kubernetesVersion).toMatch(/^v1\.\d+/);
    expect(Object.keys(data.manifests)).toEqual(['slow-nginx.yaml']);
    expect(data.timeline.length).toBeGreaterThan(10);
    const report = readFileSync(html, 'utf8');
    expect(report).toContain('<svg');
    expect(report).toContain('ready-when-startup-probe-passes');
    expect(report).not.toMatch(/<script src=|<link rel="stylesheet"/);
    // Self-contained: the segments carry their colours (the app's CSS variables do not exist in a report).
    const svg = report.slice(report.indexOf('<svg'), report.indexOf('</svg>'));
    expect(svg).not.toMatch(/fill="var\(/);
    expect(svg).toMatch(/fill="#16a34a"/);
    expect(data.logs.length).toBeGreaterThan(0);
    expect(report).not.toContain('none: the run recorded no container log');
  });

  it('says so when the server goes away mid-run, records the run as interrupted, and reconnects to the restarted server', async () => {
    await lab.start();
    await lab.page.waitForSelector('[data-testid=run-status]:text-is("running")', { timeout: 30_000 });
    await lab.page.waitForSelector('[data-testid=event-row]', { timeout: 60_000 });
    const { port, token } = h.server;
    const killedAt = Date.now();
    await h.server.close();
    await lab.page.waitForSelector('[data-testid=connection][data-status=disconnected]', { timeout: 3_000 });
    expect(Date.now() - killedAt).toBeLessThan(3_000);
    expect(await lab.page.textContent('[data-testid=run-status]')).toMatch(/^disconnected/);
    await expect(lab.page.isDisabled('[data-testid=start]')).resolves.toBe(true);
    await lab.shot('08-disconnected');
    await h.restartEngine(); // podlab shuts down with the run going, and starts again
    const interrupted = (await h.engine.listRuns({ scenarioId: SCENARIO }))[0]!;
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.error).toMatch(/podlab shut down while this run was in progress/);
    // The same port and token (podlab serve keeps both per data folder): the open tab comes back by itself.
    h.server = await LabHarness.serve(h.engine, { port, token });
    await lab.page.waitForSelector('[data-testid=connection]', { state: 'detached', timeout: 10_000 });
    await lab.page.waitForSelector('[data-testid=run-status]:text-matches("^interrupted")', { timeout: 10_000 });
    await lab.shot('09-reconnected');
  }, 120_000);

  it('draws the stop sequence of a preStop lesson: preStop span, SIGTERM, a live countdown to the SIGKILL deadline', async () => {
    await lab.openScenario('prestop-grace-period');
    await lab.start();
    const lane = '[data-lane="termination/prestop"]';
    await lab.page.waitForSelector(`${lane} [data-testid=grace-countdown]`, { timeout: 90_000 });
    const left = [Number(await lab.page.getAttribute(`${lane} [data-testid=grace-countdown]`, 'data-left'))];
    await lab.page.waitForTimeout(1200);
    left.push(Number(await lab.page.getAttribute(`${lane} [data-testid=grace-countdown]`, 'data-left')));
    expect(left[0]! - left[1]!, left.join(' ')).toBeGreaterThan(800); // counting down between observations
    const deletedAt = Number(await lab.page.getAttribute(`${lane} [data-testid=segment][data-label="preStop (40 s)"]`, 'data-from'));
    const deadline = Number(await lab.page.getAttribute(`${lane} [data-testid=tick][data-mark="⚡"]`, 'data-t'));
    expect(deadline - deletedAt).toBe(50_000); // terminationGracePeriodSeconds 50, preStop 40 inside it
    await lab.shotOf('.timeline-box', '10-prestop-countdown');
    // Passed; or, where a watch lost track (a 410 from a freshly started API server's watch cache was
    // seen here), the run's honest "could not be judged, run it again", never a failed lesson.
    expect(await lab.waitForRunEnd(150_000)).toMatch(/^passed$|^error: .*watch lost track/);
    await lab.shotOf('.timeline-box', '11-prestop-timeline');
  }, 200_000);
});
