// SPDX-License-Identifier: Apache-2.0
// API event → DOM update latency in the browser: the moment the watch event reached the engine
// (clockZero + t) against the moment a MutationObserver in the page saw the screen show it.
// Needs the test cluster (APP_KUBECONFIG) and a built renderer; run: `npx tsx bench/ui-latency.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Engine } from '../src-main/core/engine';
import { startBrowserServer } from '../src-main/serve/browser-server';

/** The few browser globals the in-page code uses (this file is type-checked as Node code). */
interface PageGlobals {
  __seen: Array<[number, number]>;
  document: { querySelector(q: string): { getAttribute(n: string): string | null; textContent: string | null } | null };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, options: unknown): void };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = process.argv[2] ?? 'init-container-crashloop';
const kubeconfig = process.env.APP_KUBECONFIG;
if (!kubeconfig) throw new Error('set APP_KUBECONFIG to a cluster (e.g. $(test/cluster/kubeconfig))');

const dataDir = mkdtempSync(join(tmpdir(), 'podlab-latency-'));
const engine = await Engine.create({ dataDir, scenariosDir: join(ROOT, 'scenarios'), kubeconfig });
const server = await startBrowserServer({ api: engine, events: engine.events, rendererDir: join(ROOT, 'out', 'renderer') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  // When each observation time `t` reached the engine from its watch (epoch ms).
  const arrived = new Map<number, number>();
  engine.events.on('run:observed', ({ clockZero, observations }) => {
    for (const o of observations) if (!arrived.has(o.t)) arrived.set(o.t, clockZero + o.t);
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(server.url);
  await page.click(`[data-testid=catalog-item][data-id=${SCENARIO}]`);
  await page.waitForSelector('[data-testid=run-clock]');
  await page.evaluate(() => {
    // Runs in the page.
    const w = globalThis as unknown as PageGlobals;
    w.__seen = [];
    const clock = w.document.querySelector('[data-testid=run-clock]')!;
    new w.MutationObserver(() => w.__seen.push([Number(clock.getAttribute('data-t')), Date.now()])).observe(clock, { attributes: true, attributeFilter: ['data-t'] });
  });
  await page.click('[data-testid=start]');
  await page.waitForFunction(() => /^(passed|failed|error|aborted)/.test((globalThis as unknown as PageGlobals).document.querySelector('[data-testid=run-status]')?.textContent ?? ''), undefined, { timeout: 300_000 });
  const seen = await page.evaluate(() => (globalThis as unknown as PageGlobals).__seen);
  const latencies = seen.flatMap(([t, shownAt]) => (arrived.has(t) ? [shownAt - arrived.get(t)!] : [])).sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  console.log(`ui latency (${SCENARIO}): ${latencies.length} screen updates; p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${latencies.at(-1)} ms (watch event at the engine → DOM changed in Chromium)`);
} finally {
  await browser.close();
  await server.close();
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
