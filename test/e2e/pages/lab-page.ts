// SPDX-License-Identifier: Apache-2.0
// Page object for the lab screen: what a learner does, in the words of the UI.
import type { Download, Page } from 'playwright-core';

export class LabPage {
  constructor(
    readonly page: Page,
    private readonly shots: string,
  ) {}

  async shot(name: string): Promise<string> {
    const path = `${this.shots}/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  /** One element, scrolled into view (the page scrolls inside its panes, so a full-page shot misses it). */
  async shotOf(selector: string, name: string): Promise<string> {
    const path = `${this.shots}/${name}.png`;
    const el = this.page.locator(selector).first();
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path });
    return path;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector('[data-testid=catalog-item]');
  }

  catalogTitles(): Promise<string[]> {
    return this.page.locator('[data-testid=catalog-item] .title').allTextContents();
  }

  async switchLanguage(): Promise<void> {
    await this.page.click('[data-testid=lang]');
  }

  async openScenario(id: string): Promise<void> {
    await this.page.click(`[data-testid=catalog-item][data-id=${id}]`);
    await this.page.waitForSelector(`[data-testid=scenario][data-id=${id}]`);
  }

  async start(): Promise<void> {
    await this.page.click('[data-testid=start]');
  }

  expectationState(id: string): Promise<string | null> {
    return this.page.getAttribute(`[data-testid=expectation][data-id=${id}]`, 'data-state');
  }

  async waitForRunEnd(timeoutMs: number): Promise<string> {
    // Runs in the page: `document` there, not here.
    await this.page.waitForFunction(
      () => {
        // the status as data, not words: the same in every language
        const s = (globalThis as unknown as { document: { querySelector(q: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('[data-testid=run-status]')?.getAttribute('data-status') ?? '';
        return s !== '' && s !== 'running';
      },
      undefined,
      { timeout: timeoutMs },
    );
    return (await this.page.textContent('[data-testid=run-status]')) ?? '';
  }

  /** The first moment a lane shows a label, from the SVG's data attributes (ms of run time). */
  async laneChangeAt(lane: string, label: string): Promise<number | undefined> {
    const from = await this.page.getAttribute(`[data-lane="${lane}"] [data-testid=segment][data-label="${label}"]`, 'data-from');
    return from === null ? undefined : Number(from);
  }

  async band(expectation: string): Promise<{ lo: number; hi: number; state: string }> {
    const band = this.page.locator(`[data-testid=band][data-expectation=${expectation}]`);
    return {
      lo: Number(await band.getAttribute('data-lo')),
      hi: Number(await band.getAttribute('data-hi')),
      state: (await band.getAttribute('data-state')) ?? '',
    };
  }

  /** Export gives two files; returns them saved under `dir`. */
  async exportRun(dir: string): Promise<string[]> {
    const downloads: Download[] = [];
    const both = new Promise<void>((resolve) => {
      this.page.on('download', (d) => {
        downloads.push(d);
        if (downloads.length === 2) resolve();
      });
    });
    await this.page.click('[data-testid=export]');
    await both;
    const paths: string[] = [];
    for (const d of downloads) {
      const path = `${dir}/${d.suggestedFilename()}`;
      await d.saveAs(path);
      paths.push(path);
    }
    return paths;
  }
}
