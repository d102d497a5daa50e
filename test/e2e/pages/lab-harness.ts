// SPDX-License-Identifier: Apache-2.0
// What every browser test stands on: the real engine on the test cluster behind browser mode, and
// Debian's Chromium. One place for the flags Chromium needs here and for the teardown order.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { Engine } from '../../../src-main/core/engine';
import { startBrowserServer, type RunningServer } from '../../../src-main/serve/browser-server';
import { testKubeconfig } from '../../integration/cluster';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');
const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] };

export class LabHarness {
  private constructor(
    readonly dataDir: string,
    public engine: Engine,
    public server: RunningServer,
    readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async start(name: string, context: BrowserContextOptions): Promise<LabHarness> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), `podlab-${name}-`));
    const engine = await LabHarness.engineIn(dataDir);
    const server = await LabHarness.serve(engine);
    const browser = await chromium.launch(CHROMIUM);
    const page = await (await browser.newContext(context)).newPage();
    return new LabHarness(dataDir, engine, server, browser, page);
  }

  static engineIn(dataDir: string): Promise<Engine> {
    return Engine.create({ dataDir, scenariosDir: join(ROOT, 'scenarios'), kubeconfig: testKubeconfig() });
  }

  static serve(engine: Engine, at: { port?: number; token?: string } = {}): Promise<RunningServer> {
    return startBrowserServer({ api: engine, events: engine.events, rendererDir: join(ROOT, 'out', 'renderer'), ...at });
  }

  /** The engine shut down and started again on the same data folder, as podlab does across a restart. */
  async restartEngine(): Promise<Engine> {
    await this.engine.close();
    this.engine = await LabHarness.engineIn(this.dataDir);
    return this.engine;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
    await this.engine.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
