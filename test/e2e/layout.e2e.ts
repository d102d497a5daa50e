// SPDX-License-Identifier: Apache-2.0
// The lab screen's layout in a real browser (Debian's Chromium), on the real engine and test cluster,
// at 1024×700, 1280×800 and 1440×900: nothing spills out of its column or scrolls sideways (checked
// by walking the whole DOM), during a run the timeline, Expected and Observed are all on screen, AGE
// ticks between observations, and the sticky run bar never hides an expectation's title.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, LabHarness } from './pages/lab-harness';
import { LabPage } from './pages/lab-page';
import { coveredBy, overflows, visibility } from './pages/layout-probe';

const SCENARIO = 'startup-probe-slow-nginx';
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
/** enough of a panel to read its heading and first rows */
const IN_VIEW_PX = 80;

let h: LabHarness;
let lab: LabPage;

beforeAll(async () => {
  h = await LabHarness.start('layout', { viewport: SIZES[0], locale: 'en-US' });
  lab = new LabPage(h.page, ARTIFACTS);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** At every size: nothing overflows. */
async function fitsAtEverySize(label: string): Promise<void> {
  for (const size of SIZES) {
    await lab.page.setViewportSize(size);
    expect.soft(await overflows(lab.page), `${label} at ${size.width}×${size.height}`).toEqual([]);
  }
}

/** The same screen in both languages and schemes, at 1024 and 1440 wide, each checked and saved. */
async function shotsInEveryLook(name: string): Promise<void> {
  for (const lang of ['en', 'zh'] as const) {
    if (lang === 'zh') await lab.switchLanguage();
    for (const colorScheme of ['light', 'dark'] as const) {
      await lab.page.emulateMedia({ colorScheme });
      for (const size of [SIZES[0], SIZES[2]]) {
        await lab.page.setViewportSize(size);
        expect.soft(await overflows(lab.page), `${name} ${lang} ${colorScheme} ${size.width}`).toEqual([]);
        await lab.page.screenshot({ path: join(ARTIFACTS, `layout-${name}-${lang}-${colorScheme}-${size.width}.png`) });
      }
    }
  }
  await lab.switchLanguage();
  await lab.page.emulateMedia({ colorScheme: 'light' });
}

/** As the run left the screen (the learner scrolled nothing): timeline, Expected and Observed each show enough to read. */
async function runViewOnScreen(when: string, shot: string): Promise<void> {
  for (const size of SIZES) {
    await lab.page.setViewportSize(size);
    for (const panel of ['[data-testid=timeline]', '[data-testid=expected]', '[data-testid=observed]']) {
      const { visible, height } = await visibility(lab.page, panel);
      expect.soft(visible, `${panel} on screen at ${size.width}×${size.height}, ${when}`).toBeGreaterThanOrEqual(Math.min(IN_VIEW_PX, height - 1));
    }
    expect.soft(await overflows(lab.page), `${when} at ${size.width}×${size.height}`).toEqual([]);
    await lab.page.screenshot({ path: join(ARTIFACTS, `${shot}-${size.width}x${size.height}.png`) });
  }
}

describe('the lab screen fits its columns', () => {
  it('the catalog and a lesson before its run, at 1024, 1280 and 1440 wide', async () => {
    await lab.open(h.server.url);
    await fitsAtEverySize('catalog');
    await lab.page.setViewportSize(SIZES[0]);
    await lab.shot('layout-catalog-1024');
    await lab.openScenario(SCENARIO);
    await fitsAtEverySize('lesson before its run');
    await lab.page.click('.kubectl summary');
    await fitsAtEverySize('lesson with its kubectl commands open');
    await lab.page.screenshot({ path: join(ARTIFACTS, 'layout-kubectl-open-1440.png') });
    await lab.page.click('.kubectl summary');
    await lab.page.setViewportSize(SIZES[0]);
    await lab.page.screenshot({ path: join(ARTIFACTS, 'layout-before-run-1024.png') });
  });

  it('during a run: timeline, Expected and Observed on screen, AGE ticking, nothing hidden under the run bar', async () => {
    await lab.start();
    await lab.page.waitForSelector('[data-testid=pod-row]', { timeout: 60_000 });
    await lab.page.waitForSelector('[data-testid=event-row]', { timeout: 60_000 });
    await runViewOnScreen('early in the run', 'layout-running');

    // AGE between two observations of the same pod: the snapshot (its resourceVersion) is unchanged, AGE is not.
    const row = lab.page.locator('[data-testid=pod-row]').first();
    let ticked = 0;
    for (let look = 0; look < 6 && ticked < 2; look++) {
      const before = { rv: await row.getAttribute('data-rv'), age: await row.locator('[data-testid=pod-age]').textContent() };
      await lab.page.waitForTimeout(2100);
      const after = { rv: await row.getAttribute('data-rv'), age: await row.locator('[data-testid=pod-age]').textContent() };
      if (before.rv !== after.rv) continue; // an observation arrived: that look proves nothing
      expect(after.age, `AGE ${before.age} → ${after.age} with no new observation`).not.toBe(before.age);
      ticked++;
    }
    expect(ticked, 'looks with no observation in between').toBeGreaterThanOrEqual(1);
    await shotsInEveryLook('running');

    // Later, with every lane drawn (the timeline is at its tallest), still all on screen.
    await lab.page.waitForSelector('[data-testid=expectation][data-id=ready-when-startup-probe-passes][data-state=pass]', { timeout: 120_000 });
    await runViewOnScreen('once Ready', 'layout-ready');

    // An expectation's title scrolled or focused into view is not under the sticky run bar: reached
    // from below, and focused while it sits right under the bar (the browser must see it as hidden).
    for (const size of [SIZES[0], SIZES[2]]) {
      await lab.page.setViewportSize(size);
      for (const how of ['scrollIntoView', 'focus', 'focus under the bar'] as const) {
        await lab.page.locator('[data-testid=expectation] .id').first().evaluate((el, h) => {
          const pane = el.closest('#lesson')!;
          const bar = pane.querySelector('.actions')!;
          pane.scrollTop = pane.scrollHeight;
          if (h === 'focus under the bar') for (let i = 0; i < 3; i++) pane.scrollTop += el.getBoundingClientRect().top - bar.getBoundingClientRect().top - 4;
          const focusable = el as unknown as { focus(): void; blur(): void };
          focusable.blur(); // focusing what already has focus scrolls nothing
          if (h === 'scrollIntoView') el.scrollIntoView({ block: 'start' });
          else focusable.focus();
        }, how);
        expect.soft(await coveredBy(lab.page, '[data-testid=expectation] .id'), `first expectation's title after ${how} at ${size.width}`).toBeUndefined();
      }
    }
    await lab.page.screenshot({ path: join(ARTIFACTS, 'layout-expectation-scrolled-1440.png') });

    // Every kubelet message is whole on screen (the DOM walk above finds any cut off); the list
    // scrolls from the keyboard too.
    await lab.page.locator('[data-testid=events]').focus();
    await expect(lab.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }).document.activeElement.getAttribute('data-testid'))).resolves.toBe('events');

    expect(await lab.waitForRunEnd(150_000)).toBe('passed');
  }, 240_000);

  it('after the run: every look fits, at 1024 and 1440 wide', async () => {
    await fitsAtEverySize('lesson after its run');
    await lab.page.locator('.timeline-box').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shotsInEveryLook('passed');
  }, 120_000);

  // The lessons whose Observed grows most: restarts with back-off messages, init containers, a long
  // stop sequence. Looked at every few seconds through the run, at the narrowest and the widest size.
  it.each(['restart-always-crashloop', 'init-container-crashloop', 'prestop-grace-period'])('%s fits through its whole run', async (id) => {
    await lab.page.setViewportSize(SIZES[0]);
    await lab.openScenario(id);
    await lab.start();
    await lab.page.waitForSelector('[data-testid=pod-row]', { timeout: 60_000 });
    let looks = 0;
    while ((await lab.page.textContent('[data-testid=run-status]')) === 'running' && looks < 40) {
      for (const size of [SIZES[0], SIZES[2]]) {
        await lab.page.setViewportSize(size);
        expect.soft(await overflows(lab.page), `${id} running, look ${looks}, at ${size.width}`).toEqual([]);
      }
      await lab.page.setViewportSize(SIZES[0]);
      for (const panel of ['[data-testid=timeline]', '[data-testid=expected]', '[data-testid=observed]']) {
        // all of it, where it is not yet IN_VIEW_PX tall (the timeline before its first lanes)
        const { visible, height } = await visibility(lab.page, panel);
        expect.soft(visible, `${panel} on screen at 1024×700, ${id} look ${looks}`).toBeGreaterThanOrEqual(Math.min(IN_VIEW_PX, height - 1));
      }
      if (looks === 3) await lab.page.screenshot({ path: join(ARTIFACTS, `layout-${id}-running-1024.png`) });
      looks++;
      await lab.page.waitForTimeout(4000);
    }
    expect(looks, 'looks during the run').toBeGreaterThan(3);
    await lab.waitForRunEnd(150_000);
    await fitsAtEverySize(`${id} after its run`);
    await lab.page.setViewportSize(SIZES[0]);
    await lab.page.screenshot({ path: join(ARTIFACTS, `layout-${id}-ended-1024.png`) });
  }, 240_000);
});
