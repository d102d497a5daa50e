// SPDX-License-Identifier: Apache-2.0
// Watch event → DOM latency in the browser, per lesson: from the moment an observation reached the
// engine from its watch (clockZero + t) to the moment the page's Observed panel first showed it
// (a MutationObserver reads pod rows, the events count, endpoint lines and traffic counts after
// every DOM change; ui-latency-match.ts says which change showed which observation). Also where the
// time goes (held in the engine, on the bridge, in the page) and how many bridge messages a second
// the page got at peak. Prints figures; asserts nothing about them.
// Needs the test cluster (APP_KUBECONFIG) and a built renderer (`npx electron-vite build`):
//   APP_KUBECONFIG=$(test/cluster/kubeconfig) npm run bench:ui [lesson …]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Observation } from '../src-main/contract/observation';
import { Engine } from '../src-main/core/engine';
import { startBrowserServer } from '../src-main/serve/browser-server';
import { matchShown, peakRate, quantile, type Arrival, type ScreenState } from './ui-latency-match';

/** Lessons with different event patterns: a crash-looping init container (bursts of pod updates and events), a slow start behind a startupProbe with a Service and steady traffic. */
const DEFAULT_LESSONS = ['init-container-crashloop', 'startup-probe-slow-nginx'];

/** What the page records (this file is type-checked as Node code, without the DOM library). */
interface PageGlobals {
  __lat: { messages: Array<[number, string, number]>; states: ScreenState[] };
  WebSocket: new (...args: unknown[]) => { addEventListener(type: string, cb: (e: { data: unknown }) => void): void };
  document: {
    querySelector(q: string): PageElement | null;
    querySelectorAll(q: string): ArrayLike<PageElement>;
  };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, options: unknown): void };
}
interface PageElement {
  textContent: string | null;
  previousElementSibling: PageElement | null;
  children: ArrayLike<PageElement>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const lessons = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_LESSONS;
const kubeconfig = process.env.APP_KUBECONFIG;
if (!kubeconfig) {
  console.error('set APP_KUBECONFIG to a cluster (e.g. APP_KUBECONFIG=$(test/cluster/kubeconfig) npm run bench:ui)');
  process.exit(2);
}

/** Runs in the page before the app: timestamps every bridge message as it arrives. */
function hookBridge(): void {
  const w = globalThis as unknown as PageGlobals;
  w.__lat = { messages: [], states: [] };
  const Native = w.WebSocket;
  w.WebSocket = class extends Native {
    constructor(...args: unknown[]) {
      super(...args);
      this.addEventListener('message', (e) => {
        const at = Date.now();
        const m = JSON.parse(String(e.data)) as { type: string; name?: string; payload?: { observations?: unknown[] } };
        w.__lat.messages.push([at, m.name ?? m.type, m.payload?.observations?.length ?? 0]);
      });
    }
  };
}

/** Runs in the page: records the Observed panel after every DOM change that altered what it says. */
function recordScreen(): void {
  const w = globalThis as unknown as PageGlobals;
  const texts = (q: string) => Array.from(w.document.querySelectorAll(q), (e) => e.textContent?.trim() ?? '');
  let last = '';
  const read = () => {
    const pods: Record<string, string[]> = {};
    for (const tr of Array.from(w.document.querySelectorAll('table.pods tbody tr:not(.container)'))) {
      const cells = Array.from(tr.children, (c) => c.textContent?.trim() ?? '');
      pods[cells[0] ?? ''] = cells;
    }
    const heading = w.document.querySelector('[data-testid=events]')?.previousElementSibling?.textContent ?? '';
    const state = { at: Date.now(), events: Number(/\((\d+)\)/.exec(heading)?.[1] ?? 0), pods, endpoints: texts('[data-testid=endpoints] li'), traffic: texts('[data-testid=traffic] li') };
    const key = JSON.stringify({ ...state, at: 0 });
    if (key !== last) w.__lat.states.push(state);
    last = key;
  };
  new w.MutationObserver(read).observe(w.document.querySelector('[data-testid=scenario]'), { subtree: true, childList: true, characterData: true });
  read();
}

interface LessonFigures {
  lesson: string;
  status: string;
  line: string;
}

async function measure(engine: Engine, url: string, browser: Browser, lesson: string): Promise<LessonFigures> {
  const arrivals: Arrival[] = [];
  const emitted: number[] = [];
  const off = engine.events.on('run:observed', ({ clockZero, observations }) => {
    const now = Date.now();
    for (const o of observations as Observation[]) {
      arrivals.push({ o, arrivedAt: clockZero + o.t });
      emitted.push(now);
    }
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    // tsx keeps function names with an `__name` helper the page does not have.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(hookBridge);
    await page.goto(url);
    await page.click(`[data-testid=catalog-item][data-id=${lesson}]`);
    await page.waitForSelector('[data-testid=run-clock]');
    await page.evaluate(recordScreen);
    await page.click('[data-testid=start]');
    const status = await page.waitForFunction(
      () => {
        const text = (globalThis as unknown as PageGlobals).document.querySelector('[data-testid=run-status]')?.textContent ?? '';
        return /^(passed|failed|error|aborted|interrupted)/.test(text) && text;
      },
      undefined,
      { timeout: 300_000 },
    );
    const statusText = String(await status.jsonValue());
    await page.waitForTimeout(500); // the last batch's screen update
    const { messages, states } = await page.evaluate(() => (globalThis as unknown as PageGlobals).__lat);
    return { lesson, status: statusText.split(':')[0]!, line: figures(lesson, statusText, arrivals, emitted, messages, states) };
  } finally {
    off();
    await page.close();
  }
}

function figures(lesson: string, status: string, arrivals: Arrival[], emitted: number[], messages: Array<[number, string, number]>, states: ScreenState[]): string {
  const match = matchShown(arrivals, states);
  // The page's arrival of each observation: run:observed messages in order, each carrying a batch.
  const atPage: number[] = messages.filter(([, name]) => name === 'run:observed').flatMap(([at, , n]) => Array<number>(n).fill(at));
  const ms = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${quantile(s, 0.5)} ms, p95 ${quantile(s, 0.95)} ms, max ${s.at(-1) ?? NaN} ms`;
  };
  const total = match.shown.map((s) => s.shownAt - s.arrivedAt);
  const held = match.shown.map((s) => emitted[s.index]! - s.arrivedAt);
  const bridge = match.shown.map((s) => (atPage[s.index] ?? NaN) - emitted[s.index]!);
  const inPage = match.shown.map((s) => s.shownAt - (atPage[s.index] ?? NaN));
  const count = new Map<string, number>();
  for (const s of match.shown) count.set(s.kind, (count.get(s.kind) ?? 0) + 1);
  const kinds = [...count].map(([k, n]) => `${k} ${n}`).join(', ');
  const runMessages = messages.filter(([, name]) => name === 'run:observed').map(([at]) => at);
  const lines = [
    `${lesson} (${status.split(':')[0]}): watch event → DOM ${ms(total)} over ${match.shown.length} observations shown (${kinds}; ${match.invisible} changed nothing on screen)`,
    `  held in the engine ${ms(held)}; engine → page ${ms(bridge)}; page → DOM ${ms(inPage)}`,
    `  bridge: ${messages.length} messages, peak ${peakRate(messages.map(([at]) => at))}/s (run:observed: ${runMessages.length}, peak ${peakRate(runMessages)}/s, ${arrivals.length} observations)`,
  ];
  if (match.missing.length) lines.push(`  NOT SHOWN (the bench misreads the page?): ${match.missing.length}: ${match.missing.slice(0, 5).map((m) => m.detail).join('; ')}`);
  return lines.join('\n');
}

const dataDir = mkdtempSync(join(tmpdir(), 'podlab-latency-'));
const engine = await Engine.create({ dataDir, scenariosDir: join(ROOT, 'scenarios'), kubeconfig });
const server = await startBrowserServer({ api: engine, events: engine.events, rendererDir: join(ROOT, 'out', 'renderer') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  console.log(`ui latency: ${lessons.join(', ')}; load average before ${load()} (the machine is shared: figures move with it)`);
  const results: LessonFigures[] = [];
  for (const lesson of lessons) {
    const r = await measure(engine, server.url, browser, lesson);
    console.log(r.line);
    results.push(r);
  }
  console.log(`load average after ${load()}`);
  for (const r of results) console.log(`summary ${r.line.split('\n')[0]}`);
} finally {
  await browser.close();
  await server.close();
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
