// SPDX-License-Identifier: Apache-2.0
// Page object for the Cluster panel's lab pack section: give a pack's path, import it, read the
// steps and the installed pack's status, in the words of the UI.
import type { Page } from 'playwright-core';

export class PackPage {
  constructor(
    readonly page: Page,
    private readonly shots: string,
  ) {}

  readonly section = () => this.page.locator('[data-testid=pack-section]');
  readonly row = (step: string) => this.page.locator(`[data-testid=pack-steps] li[data-step="${step}"]`);

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector('[data-testid=pack-section] :is([data-testid=pack-none], [data-testid=pack-status])', { state: 'attached', timeout: 60_000 });
  }

  isOpen(): Promise<boolean> {
    return this.section().evaluate((el) => (el as unknown as { open: boolean }).open);
  }

  /** Unfolds the section (folded while the installed pack needs nothing). */
  async unfold(): Promise<void> {
    if (!(await this.isOpen())) await this.page.click('[data-testid=pack-summary]');
  }

  /** Types the path and presses Import; the import runs on in the engine. */
  async startImport(path: string): Promise<void> {
    await this.page.fill('[data-testid=pack-path]', path);
    await this.page.click('[data-testid=pack-import]');
    await this.page.waitForSelector('[data-testid=pack-steps]');
  }

  async waitForOutcome(outcome: 'imported' | 'failed', timeout: number): Promise<void> {
    await this.page.waitForSelector(`[data-testid=pack-steps][data-outcome=${outcome}]`, { timeout });
  }

  /** step name → done | skipped | current | todo | failed */
  async states(): Promise<Record<string, string>> {
    const rows = this.page.locator('[data-testid=pack-steps] li');
    const out: Record<string, string> = {};
    for (const li of await rows.all()) out[(await li.getAttribute('data-step'))!] = (await li.getAttribute('data-state'))!;
    return out;
  }

  /** The byte bar's value, while the check step reads the pack. */
  async bytesChecked(): Promise<number> {
    return Number(await this.page.locator('[data-testid=pack-bytes] progress').getAttribute('value'));
  }

  /** The lab pack section, scrolled into view (the sidebar scrolls inside the page). */
  async shot(name: string): Promise<string> {
    const path = `${this.shots}/${name}.png`;
    await this.section().scrollIntoViewIfNeeded();
    await this.section().screenshot({ path });
    return path;
  }

  async shotPage(name: string): Promise<string> {
    const path = `${this.shots}/${name}.png`;
    await this.page.screenshot({ path });
    return path;
  }
}
