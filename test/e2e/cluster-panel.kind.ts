// SPDX-License-Identifier: Apache-2.0
// The Cluster panel on real kind and real Docker, in a real browser (browser mode): the learner sets
// the node image, presses Create, watches kind's steps on the progress bar, and sees the cluster
// running with its Kubernetes version, a Ready node and the lessons' images in it. Run by the kind
// stage of the cluster suite (test/run-kind-suite.sh) inside test/kind's network namespace; it
// leaves the cluster up for `podlab cluster up` to reuse and `podlab verify --all` to run on.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { startBrowserServer, type RunningServer } from '../../src-main/serve/browser-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-results', 'e2e-kind');
const NODE_IMAGE = process.env.PODLAB_KIND_NODE_IMAGE;
const DATA_DIR = process.env.APP_DATA_DIR;

let engine: Engine;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!NODE_IMAGE || !DATA_DIR) throw new Error('run through test/run-kind-suite.sh: PODLAB_KIND_NODE_IMAGE and APP_DATA_DIR must be set');
  mkdirSync(ARTIFACTS, { recursive: true });
  engine = await Engine.create({ dataDir: DATA_DIR, scenariosDir: join(ROOT, 'scenarios') });
  server = await startBrowserServer({ api: engine, events: engine.events, rendererDir: join(ROOT, 'out', 'renderer') });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await engine?.close();
});

const panel = () => page.locator('[data-testid=cluster-panel]');
/** Waits until the text at a selector matches; the function runs in the page (serialized: no closures, only its argument). */
function waitForText(selector: string, pattern: RegExp, timeout: number) {
  return page.waitForFunction(
    ([sel, source]) => new RegExp(source).test((globalThis as unknown as { document: { querySelector(q: string): { textContent: string | null } | null } }).document.querySelector(sel)?.textContent ?? ''),
    [selector, pattern.source] as const,
    { timeout },
  );
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const shot = (name: string) => panel().screenshot({ path: join(ARTIFACTS, `${name}.png`) });

describe('the Cluster panel on real kind', () => {
  it('shows no cluster yet, and what preflight found', async () => {
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=cluster-state][data-state=absent]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=preflight] [data-check=docker]', { state: 'attached' });
    expect(await page.locator('[data-testid=preflight] [data-check=docker]').textContent()).toMatch(/✓ Docker \d+\.\d+\.\d+\S* is running/);
    expect(await page.locator('[data-testid=preflight] [data-check=kind]').textContent()).toMatch(/✓ kind v0\.30\.0/);
    // offline, the default node image (pinned by digest) cannot be had: the panel says so, with the fix
    expect(await page.locator('[data-testid=preflight] [data-check=node-image]').textContent()).toMatch(/✗ node image kindest\/node:v1\.34\.0@sha256:\w+ is not in Docker, and registry-1\.docker\.io cannot be reached[\s\S]*podlab pack import/);
    await shot('00-offline-default-image');
  });

  it('sets the node image in the settings form; preflight finds it in Docker', async () => {
    await page.click('[data-testid=cluster-settings] summary');
    await page.fill('[data-testid=node-image]', NODE_IMAGE!);
    await page.click('[data-testid=cluster-settings] button[type=submit]');
    await waitForText('[data-check=node-image]', new RegExp(escape(`node image ${NODE_IMAGE} is in Docker`)), 20_000);
    expect((await engine.getSettings()).cluster.nodeImage).toBe(NODE_IMAGE);
    await shot('01-before-create');
  });

  it('creates the cluster from the panel, with kind steps on the progress bar', async () => {
    const steps = new Set<string>();
    const fractions: number[] = [];
    const off = engine.events.on('cluster:progressed', (p) => {
      steps.add(p.step);
      if (p.fraction !== undefined) fractions.push(p.fraction);
    });
    await page.click('[data-testid=cluster-ensure]');
    await page.waitForSelector('[data-testid=cluster-progress]', { timeout: 10_000 });
    await waitForText('[data-testid=cluster-progress] span', /Preparing nodes|Starting control-plane|Waiting/, 120_000);
    await shot('02-creating');
    await page.waitForSelector('[data-testid=cluster-state][data-state=running]', { timeout: 600_000 });
    await page.waitForSelector('[data-testid=cluster-progress]', { state: 'detached', timeout: 60_000 });
    off();
    expect([...steps]).toEqual(expect.arrayContaining([expect.stringMatching(/^Ensuring node image/), 'Preparing nodes', expect.stringMatching(/^Starting control-plane/), 'ready']));
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const facts = await page.locator('[data-testid=cluster-facts]').textContent();
    expect(facts).toMatch(/Kubernetes\s*v1\.34\.\d/);
    expect(facts).toMatch(/Node\s*Ready/);
    expect(facts).toContain(NODE_IMAGE);
    // every image a lesson names (and the traffic client) that Docker has is in the node now; the
    // ones Docker lacks (a lesson about a missing image) are reported, not loaded
    const view = await engine.getCluster();
    const inDocker = (ref: string) => spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore' }).status === 0;
    const images = engine.lessonImages();
    expect(images.length).toBeGreaterThan(3);
    expect([...(view.images?.present ?? []), ...(view.images?.loaded ?? [])].sort()).toEqual(images.filter(inDocker));
    expect(view.images?.missing).toEqual(images.filter((i) => !inDocker(i)));
    await shot('03-running-en-light');
  }, 700_000);

  it('reads well in Chinese and in the dark', async () => {
    const dark = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', colorScheme: 'dark' });
    const zh = await dark.newPage();
    await zh.goto(server.url);
    await zh.waitForSelector('[data-testid=cluster-state][data-state=running]', { timeout: 30_000 });
    expect(await zh.locator('[data-testid=cluster-state]').textContent()).toContain('运行中');
    await zh.locator('[data-testid=cluster-panel]').screenshot({ path: join(ARTIFACTS, '04-running-zh-dark.png') });
    await zh.screenshot({ path: join(ARTIFACTS, '05-page-zh-dark-1440.png') });
    await dark.close();
  });
});
