// SPDX-License-Identifier: Apache-2.0
// Watch event → DOM latency in the browser, per lesson: from the moment an observation (a pod, a
// pod gone, an event, an endpoint) reached the engine from its watch (clockZero + t) to the moment
// the page's Observed panel first showed it (a MutationObserver reads pod rows, the events count,
// endpoint lines and traffic counts after every DOM change; ui-latency-match.ts says which change
// showed which observation). Also where the time goes (held in the engine, on the bridge, in the
// page), the page's long tasks, and how many bridge messages a second the page got at peak.
// Prints figures; asserts nothing about them.
// Needs the test cluster (APP_KUBECONFIG) and a built renderer (`npx electron-vite build`):
//   APP_KUBECONFIG=$(test/cluster/kubeconfig) npm run bench:ui [-- [--runs N] [lesson …]]
// With --runs, each lesson runs N times and its summary pools them (a run shows only ~30
// observations, so one run's p95 is nearly its maximum).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { Observation } from '../src-main/contract/observation';
import { Engine } from '../src-main/core/engine';
import { startBrowserServer } from '../src-main/serve/browser-server';
import { matchShown, peakRate, quantile, type Arrival, type ScreenState } from './ui-latency-match';

/** Lessons with different event patterns: a crash-looping init container (bursts of pod updates and events), a slow start behind a startupProbe with a Service and steady traffic. */
const DEFAULT_LESSONS = ['init-container-crashloop', 'startup-probe-slow-nginx'];

/** What the page records (this file is type-checked as Node code, without the DOM library). */
interface PageGlobals {
  __lat: { messages: Array<[number, string, number]>; states: ScreenState[]; longTasks: Array<[number, number]> };
  PerformanceObserver: new (cb: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void) => { observe(options: unknown): void };
  performance: { timeOrigin: number };
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
  querySelector(q: string): PageElement | null;
  querySelectorAll(q: string): ArrayLike<PageElement>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags, positionals } = parseArgs({ options: { runs: { type: 'string', default: '1' } }, allowPositionals: true });
const lessons = positionals.length ? positionals : DEFAULT_LESSONS;
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs wants a whole number of runs per lesson, not "${flags.runs}"`);
  process.exit(2);
}
const kubeconfig = process.env.APP_KUBECONFIG;
if (!kubeconfig) {
  console.error('set APP_KUBECONFIG to a cluster (e.g. APP_KUBECONFIG=$(test/cluster/kubeconfig) npm run bench:ui)');
  process.exit(2);
}

/** Runs in the page before the app: timestamps every bridge message as it arrives. */
function hookBridge(): void {
  const w = globalThis as unknown as PageGlobals;
  w.__lat = { messages: [], states: [], longTasks: [] };
  // Tasks of 50 ms or more: while one runs, a bridge message waits.
  new w.PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__lat.longTasks.push([w.performance.timeOrigin + e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
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
    // kubectl's five columns in the pod's row; PHASE and the CONDITIONS chips in the line under it
    for (const body of Array.from(w.document.querySelectorAll('table.pods tbody.pod'))) {
      const row = body.querySelector('[data-testid=pod-row]');
      if (!row) continue;
      const cells = Array.from(row.children, (c) => c.textContent?.trim() ?? '');
      const phase = body.querySelector('[data-testid=pod-phase]')?.textContent?.trim() ?? '';
      const conditions = Array.from(body.querySelectorAll('[data-testid=pod-conditions] li'), (li) => li.textContent?.trim() ?? '').join(' ');
      pods[cells[0] ?? ''] = [...cells, phase, conditions];
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

/** One run of a lesson, as measured: each list has one entry per observation shown. */
interface Sample {
  status: string;
  total: number[];
  held: number[];
  bridge: number[];
  inPage: number[];
  /** the kind of each observation shown */
  kindOf: string[];
  /** traffic results: the client pod's log timestamp → DOM */
  traffic: number[];
  /** the page's tasks of 50 ms or more during the run, ms each */
  longTasks: number[];
  kinds: Map<string, number>;
  invisible: number;
  missing: string[];
  messages: number;
  runMessages: number;
  peak: number;
  runPeak: number;
  observations: number;
  /** the 1-minute load average at the run's end (2 cores, shared) */
  load: number[];
}

async function measure(engine: Engine, url: string, browser: Browser, lesson: string): Promise<Sample> {
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
    const { messages, states, longTasks } = await page.evaluate(() => (globalThis as unknown as PageGlobals).__lat);
    const during = longTasks.filter(([at]) => at >= (arrivals[0]?.arrivedAt ?? Infinity)).map(([, d]) => Math.round(d));
    return { ...sample(statusText.split(':')[0]!, arrivals, emitted, messages, states), longTasks: during };
  } finally {
    off();
    await page.close();
  }
}

function sample(status: string, arrivals: Arrival[], emitted: number[], messages: Array<[number, string, number]>, states: ScreenState[]): Omit<Sample, 'longTasks'> {
  const match = matchShown(arrivals, states);
  // The page's arrival of each observation: run:observed messages in order, each carrying a batch.
  const runMessages = messages.filter(([, name]) => name === 'run:observed');
  const atPage: number[] = runMessages.flatMap(([at, , n]) => Array<number>(n).fill(at));
  // Traffic results are no watch events: their time is the client pod's own log timestamp, so
  // theirs includes the log stream's delay. They are reported apart.
  const watched = match.shown.filter((s) => s.kind !== 'traffic');
  const kinds = new Map<string, number>();
  for (const s of watched) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  return {
    status,
    total: watched.map((s) => s.shownAt - s.arrivedAt),
    held: watched.map((s) => emitted[s.index]! - s.arrivedAt),
    bridge: watched.map((s) => (atPage[s.index] ?? NaN) - emitted[s.index]!),
    inPage: watched.map((s) => s.shownAt - (atPage[s.index] ?? NaN)),
    kindOf: watched.map((s) => s.kind),
    traffic: match.shown.filter((s) => s.kind === 'traffic').map((s) => s.shownAt - s.arrivedAt),
    kinds,
    invisible: match.invisible,
    missing: match.missing.map((m) => m.detail),
    messages: messages.length,
    runMessages: runMessages.length,
    peak: peakRate(messages.map(([at]) => at)),
    runPeak: peakRate(runMessages.map(([at]) => at)),
    observations: arrivals.length,
    load: [loadavg()[0]!],
  };
}

/** The samples of one lesson pooled: every observation shown in any of its runs counts once. */
function pooled(samples: Sample[]): Sample {
  const kinds = new Map<string, number>();
  for (const s of samples) for (const [k, n] of s.kinds) kinds.set(k, (kinds.get(k) ?? 0) + n);
  const all = (f: (s: Sample) => number[]) => samples.flatMap(f);
  const sum = (f: (s: Sample) => number) => samples.reduce((n, s) => n + f(s), 0);
  return {
    status: samples.map((s) => s.status).join(' '),
    total: all((s) => s.total),
    held: all((s) => s.held),
    bridge: all((s) => s.bridge),
    inPage: all((s) => s.inPage),
    kindOf: samples.flatMap((s) => s.kindOf),
    traffic: all((s) => s.traffic),
    longTasks: all((s) => s.longTasks),
    kinds,
    invisible: sum((s) => s.invisible),
    missing: samples.flatMap((s) => s.missing),
    messages: sum((s) => s.messages),
    runMessages: sum((s) => s.runMessages),
    peak: Math.max(...samples.map((s) => s.peak)),
    runPeak: Math.max(...samples.map((s) => s.runPeak)),
    observations: sum((s) => s.observations),
    load: samples.flatMap((s) => s.load),
  };
}

const ms = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5)} ms, p95 ${quantile(s, 0.95)} ms, max ${s.at(-1) ?? NaN} ms`;
};

function headline(lesson: string, s: Sample): string {
  const kinds = [...s.kinds].map(([k, n]) => `${k} ${n}`).join(', ');
  const load = s.load.map((l) => l.toFixed(1)).join(' ');
  return `${lesson} (${s.status}): watch event → DOM ${ms(s.total)} over ${s.total.length} observations shown (${kinds}; ${s.invisible} changed nothing on screen); bridge peak ${s.peak} messages/s (run:observed ${s.runPeak}/s); load ${load}`;
}

/** The three slowest observations and where their time went, engine / bridge / page. */
function slowest(s: Sample): string {
  const order = s.total.map((_, i) => i).sort((a, b) => s.total[b]! - s.total[a]!);
  return order
    .slice(0, 3)
    .map((i) => `${s.kindOf[i]} ${s.total[i]} ms (${s.held[i]} / ${s.bridge[i]} / ${s.inPage[i]})`)
    .join(', ');
}

function details(s: Sample): string {
  const lines = [
    `  held in the engine ${ms(s.held)}; engine → page ${ms(s.bridge)}; page → DOM ${ms(s.inPage)}`,
    `  slowest: ${slowest(s)}; page tasks ≥ 50 ms during the run: ${s.longTasks.length}${s.longTasks.length ? `, longest ${Math.max(...s.longTasks)} ms` : ''}`,
    `  bridge: ${s.messages} messages (run:observed ${s.runMessages}, carrying ${s.observations} observations)`,
  ];
  if (s.traffic.length) lines.push(`  traffic results (the client pod's log timestamp → DOM, through the log stream): ${ms(s.traffic)} over ${s.traffic.length}`);
  if (s.missing.length) lines.push(`  NOT SHOWN (the bench misreads the page?): ${s.missing.length}: ${s.missing.slice(0, 5).join('; ')}`);
  return lines.join('\n');
}

const dataDir = mkdtempSync(join(tmpdir(), 'podlab-latency-'));
const engine = await Engine.create({ dataDir, scenariosDir: join(ROOT, 'scenarios'), kubeconfig });
const server = await startBrowserServer({ api: engine, events: engine.events, rendererDir: join(ROOT, 'out', 'renderer') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  console.log(`ui latency: ${lessons.join(', ')}, ${runs} run(s) each; load average before ${load()} (the machine is shared: figures move with it)`);
  const byLesson = new Map<string, Sample[]>();
  for (let run = 1; run <= runs; run++) {
    for (const lesson of lessons) {
      const s = await measure(engine, server.url, browser, lesson);
      console.log(`run ${run}: ${headline(lesson, s)}\n${details(s)}`);
      byLesson.set(lesson, [...(byLesson.get(lesson) ?? []), s]);
    }
  }
  console.log(`load average after ${load()}`);
  for (const [lesson, samples] of byLesson) console.log(`summary ${headline(lesson, pooled(samples))}`);
} finally {
  await browser.close();
  await server.close();
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
