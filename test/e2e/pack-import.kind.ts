// SPDX-License-Identifier: Apache-2.0
// Importing a lab pack from the Cluster panel, on real kind and a real Docker that has neither the
// node image nor the lessons' images, in a real browser (browser mode). The learner types a damaged
// pack's path and is refused with the engine's own message, and nothing is installed; then imports
// the real pack and watches the byte bar and the seven steps until the status says every image is in
// the node; then imports it again (in Chinese, dark) and sees what was there marked skipped. Run by
// the kind stage (test/run-kind-suite.sh) inside test/kind's network namespace with APP_DATA_DIR (a
// fresh data folder), PODLAB_TEST_PACK and PODLAB_TEST_BAD_PACK; it leaves the cluster up.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackProgressView } from '@contract/dto';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/core/engine';
import { startBrowserServer, type RunningServer } from '../../src-main/serve/browser-server';
import { PackPage } from './pages/pack-page';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-results', 'e2e-kind');
const DATA_DIR = process.env.APP_DATA_DIR;
const PACK = process.env.PODLAB_TEST_PACK;
const BAD_PACK = process.env.PODLAB_TEST_BAD_PACK;
const STEPS = ['check the pack', 'kind', 'node image', 'cluster', 'workload images', 'check the node', 'lessons'];

let engine: Engine;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let en: PackPage;

/** the page's globals, for functions that run in it (this tsconfig has no DOM types) */
type PageGlobal = { document: { querySelector(q: string): { textContent: string | null; getAttribute(name: string): string | null } | null } };
const inDocker = (ref: string) => spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore' }).status === 0;
async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

beforeAll(async () => {
  if (!DATA_DIR || !PACK || !BAD_PACK) throw new Error('run through test/run-kind-suite.sh: APP_DATA_DIR, PODLAB_TEST_PACK and PODLAB_TEST_BAD_PACK must be set');
  mkdirSync(ARTIFACTS, { recursive: true });
  engine = await Engine.create({ dataDir: DATA_DIR, scenariosDir: join(ROOT, 'scenarios') });
  server = await startBrowserServer({ api: engine, events: engine.events, rendererDir: join(ROOT, 'out', 'renderer') });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-US', colorScheme: 'light' });
  en = new PackPage(await context.newPage(), ARTIFACTS);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await engine?.close();
});

describe('importing a lab pack from the Cluster panel', () => {
  it('starts on a machine with no pack, no kind cluster and none of its images', async () => {
    const status = await engine.getPackStatus();
    expect(status.installed).toBeUndefined();
    expect(status.kind.installed).toBe(false);
    expect(status.clusterState).toBe('absent');
    await en.open(server.url);
    expect(await en.page.locator('[data-testid=pack-none]').textContent()).toMatch(/No lab pack installed/);
  });

  it('refuses a pack with one changed byte, with the engine’s message, and installs nothing', async () => {
    await en.startImport(BAD_PACK!);
    await en.waitForOutcome('failed', 300_000);
    expect(await en.states()).toEqual(Object.fromEntries(STEPS.map((s, i) => [s, i === 0 ? 'failed' : 'todo'])));
    const shown = (await en.page.locator('[data-testid=pack-error] p.bad').textContent())!;
    expect(await en.page.locator('[data-testid=pack-failure-note]').textContent()).toMatch(/Nothing was installed/);
    await en.shot('10-pack-refused-en-light-1024');

    // the panel shows exactly what the engine says, and the engine refuses this pack for its content
    await expect(engine.importPack({ path: BAD_PACK! })).rejects.toMatchObject({ code: expect.stringMatching(/^PACK_(TAMPERED|TRUNCATED|INVALID)$/), message: shown });
    const status = await engine.getPackStatus();
    expect(status.installed).toBeUndefined();
    expect(status.kind.installed).toBe(false);
    expect(status.clusterState).toBe('absent');
    const packDir = join(DATA_DIR!, 'pack');
    expect(existsSync(packDir) ? readdirSync(packDir) : []).toEqual([]); // no staging folder left behind
    expect(existsSync(join(DATA_DIR!, 'bin', 'kind'))).toBe(false);
    expect(await en.page.locator('[data-testid=pack-none]').count()).toBe(1);
  }, 600_000);

  it('imports the real pack: the byte bar, the seven steps, kind’s progress, then every image in the node', async () => {
    const events: PackProgressView[] = [];
    const off = engine.events.on('pack:progressed', (p) => events.push(p));
    const started = Date.now();
    await en.startImport(PACK!);

    // the check step reads the whole file: the bar moves, to a third of it at least
    await en.page.waitForSelector('[data-testid=pack-bytes]', { timeout: 30_000 });
    const first = await en.bytesChecked();
    await en.page.waitForFunction((v) => Number((globalThis as unknown as PageGlobal).document.querySelector('[data-testid=pack-bytes] progress')?.getAttribute('value')) > v, Math.max(first, statSync(PACK!).size / 3), { timeout: 120_000 });
    expect(await en.page.locator('[data-testid=pack-bytes] span').textContent()).toMatch(/^\d+% · \d+\.\d MB of \d+\.\d MB$/);
    expect(Object.values(await en.states()).slice(1)).toEqual(Array(6).fill('todo'));
    await en.shot('11-pack-checking-en-light-1024');

    // the cluster step shows kind's own steps on its bar
    await en.page.waitForSelector('[data-testid=pack-steps] li[data-step=cluster][data-state=current] [data-testid=pack-cluster-progress]', { timeout: 300_000 });
    await en.page.waitForFunction(() => /Preparing nodes|Starting control-plane|Waiting|Writing/.test((globalThis as unknown as PageGlobal).document.querySelector('[data-testid=pack-cluster-progress] span')?.textContent ?? ''), undefined, { timeout: 120_000 });
    expect((await en.states())['node image']).toBe('done');
    expect(await en.page.locator('[data-testid=cluster-ensure]').isDisabled()).toBe(true);
    expect(await en.page.locator('[data-testid=pack-import]').isDisabled()).toBe(true);
    await en.shot('12-pack-cluster-step-en-light-1024');

    await en.waitForOutcome('imported', 900_000);
    off();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    expect(await en.states()).toEqual(Object.fromEntries(STEPS.map((s) => [s, 'done'])));
    for (const s of STEPS) expect((await en.row(s).locator('.detail').textContent())?.length).toBeGreaterThan(0);

    // the events: steps in order, and the bytes up to the whole file
    const indices = events.map((e) => e.stepIndex);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(new Set(indices)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    const bytes = events.filter((e) => e.bytesTotal !== undefined);
    expect(bytes.every((e) => e.stepIndex === 0 && e.bytesTotal === statSync(PACK!).size)).toBe(true);
    expect(bytes.map((e) => e.bytesDone)).toEqual(bytes.map((e) => e.bytesDone).sort((a, b) => a! - b!));
    expect(bytes.at(-1)?.bytesDone).toBe(statSync(PACK!).size);

    // the status, in the panel and from the engine
    const status = await engine.getPackStatus();
    expect(status.installed?.fileSha256).toBe(await sha256(PACK!));
    expect(status.kind).toMatchObject({ installed: true, matchesPack: true });
    expect(status.nodeImageInDocker).toBe(true);
    expect(status.clusterState).toBe('running');
    expect(status.images).toHaveLength(5);
    expect(status.images.every((i) => i.inNode === true)).toBe(true);
    expect(status.images.every((i) => inDocker(i.ref))).toBe(true);
    await en.page.waitForSelector('[data-testid=pack-images][data-images=all]', { timeout: 30_000 });
    expect(await en.page.locator('[data-testid=pack-images]').textContent()).toContain('all 5 images in the node');
    expect(await en.page.locator('[data-testid=pack-sha]').textContent()).toBe(status.installed!.fileSha256.slice(0, 12));
    // the pack was built from this podlab's own lessons: the panel says it brings none new
    expect(status.lessons.filter((l) => l.from === 'pack')).toEqual([]);
    expect(await en.page.locator('[data-testid=pack-lessons]').textContent()).toContain(`${status.installed!.lessons.length} in the pack, all also in this podlab`);
    expect(await en.page.locator('[data-testid=pack-lacking]').count()).toBe(status.lessons.filter((l) => l.missingImages.length).length ? 1 : 0);
    // the panel read the cluster again: running, on the pack's node image, which is now the setting
    await en.page.waitForSelector('[data-testid=cluster-state][data-state=running]', { timeout: 30_000 });
    expect((await engine.getSettings()).cluster.nodeImage).toBe(status.installed!.nodeImage);
    expect(await en.page.locator('[data-testid=cluster-progress]').count()).toBe(0);
    await en.shot('13-pack-imported-en-light-1024');
    // however tall the panel grew, the catalog keeps its share of the sidebar
    expect((await en.page.locator('[data-testid=catalog]').boundingBox())!.height).toBeGreaterThan(300);
    await en.shotPage('13b-page-en-light-1024');
    console.log(`pack imported from the panel in ${seconds} s`);
  }, 1_200_000);

  it('shows the installed pack on load; a second import (Chinese, dark, 1440) skips what is there and says so', async () => {
    const dark = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', colorScheme: 'dark' });
    const zh = new PackPage(await dark.newPage(), ARTIFACTS);
    await zh.open(server.url);
    // the installed pack needs nothing: its status is one folded line
    await zh.page.waitForFunction(() => /✓\s*5\/5 个镜像在节点中/.test((globalThis as unknown as PageGlobal).document.querySelector('[data-testid=pack-summary]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await zh.isOpen()).toBe(false);
    await zh.shot('14a-pack-installed-folded-zh-dark-1440');
    await zh.unfold();
    expect(await zh.page.locator('[data-testid=pack-images][data-images=all]').textContent()).toContain('5 个镜像全部在节点中');
    expect(await zh.page.locator('[data-testid=pack-sha]').textContent()).toMatch(/^[0-9a-f]{12}$/);

    await zh.startImport(PACK!);
    await zh.page.waitForSelector('[data-testid=pack-bytes]', { timeout: 30_000 });
    await zh.page.waitForFunction((v) => Number((globalThis as unknown as PageGlobal).document.querySelector('[data-testid=pack-bytes] progress')?.getAttribute('value')) > v, statSync(PACK!).size / 3, { timeout: 120_000 });
    expect(await zh.page.locator('[data-testid=pack-bytes] span').textContent()).toMatch(/^\d+% · \d+\.\d MB \/ \d+\.\d MB$/);
    await zh.shot('14-pack-reimport-checking-zh-dark-1440');
    await zh.waitForOutcome('imported', 600_000);
    expect(await zh.states()).toEqual({
      'check the pack': 'done',
      kind: 'skipped',
      'node image': 'skipped',
      cluster: 'done',
      'workload images': 'skipped',
      'check the node': 'done',
      lessons: 'skipped',
    });
    expect(await zh.row('kind').textContent()).toContain('已跳过：已存在');
    expect(await zh.page.locator('[data-testid=pack-imported]').textContent()).toContain('4 个步骤所需内容已存在');
    await zh.page.waitForSelector('[data-testid=pack-images][data-images=all]', { timeout: 30_000 });
    await zh.shot('15-pack-reimported-zh-dark-1440');
    await zh.shotPage('15b-page-zh-dark-1440');
    await dark.close();
  }, 900_000);
});
