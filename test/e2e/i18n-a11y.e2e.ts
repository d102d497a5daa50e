// SPDX-License-Identifier: Apache-2.0
// Chinese everywhere, and accessible: in Debian's Chromium, against the real engine on the real test
// cluster, the page in zh-CN is walked text node by text node (and every title, aria-label and
// placeholder) on the catalog, the cluster panel, a lesson before, during and after a real run and
// its What-if panel; any English phrase fails the test, listed with where it was. Raw data the
// learner must see verbatim is marked in the markup (translate="no", code, pre), not allow-listed
// here. axe-core then checks the catalog and the lesson, before and after the run, light and dark,
// in both languages: no serious or critical violation.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishPhrases } from '../i18n/english';
import { ARTIFACTS, LabHarness } from './pages/lab-harness';
import { LabPage } from './pages/lab-page';

/** a lesson that ends in about 30 s: a script sleeps 8 s and exits 0 */
const SCENARIO = 'restart-never-success';
/** a lesson whose windows are predicted from its manifest: the What-if panel lists them */
const PREDICTED = 'startup-probe-slow-nginx';

let h: LabHarness;
let lab: LabPage;
/** English found, per place the page was walked */
const english: Record<string, string[]> = {};
/** axe's serious and critical violations, per page, language and scheme */
const violations: Record<string, string[]> = {};

interface Shown {
  text: string;
  /** where on the page: the closest element with a test id, or the tag path */
  where: string;
}

/**
 * Every text a learner can read or hear: visible text nodes, SVG <title>s (tooltips), and the title,
 * aria-label and placeholder of every rendered element, outside what is marked as raw data.
 */
function shownTexts(page: Page): Promise<Shown[]> {
  return page.evaluate(() => {
    type El = {
      tagName: string;
      parentElement: El | null;
      closest(q: string): El | null;
      getAttribute(a: string): string | null;
      checkVisibility(o?: object): boolean;
      querySelectorAll(q: string): ArrayLike<El>;
    };
    type TextNode = { textContent: string | null; parentElement: El | null };
    const doc = (globalThis as unknown as { document: { body: El; createTreeWalker(root: El, what: number): { nextNode(): TextNode | null } } }).document;
    const RAW = '[translate=no], code, pre, script, style, kbd, samp';
    // an element marked as English (the language switch, labelled in the language it switches to)
    const english = (el: El) => /^en\b/.test(el.closest('[lang]')?.getAttribute('lang') ?? '');
    const where = (el: El): string => {
      const id = el.closest('[data-testid]');
      return id ? `${id.getAttribute('data-testid')}>${el.tagName.toLowerCase()}` : el.tagName.toLowerCase();
    };
    const out: { text: string; where: string }[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text || el.closest(RAW) || english(el)) continue;
      // an SVG <title> is a tooltip: read although never "visible"
      const tooltip = el.closest('title') !== null && el.closest('svg') !== null;
      if (!tooltip && !el.checkVisibility({ visibilityProperty: true })) continue;
      out.push({ text, where: where(el) });
    }
    for (const el of Array.from(doc.body.querySelectorAll('[title], [aria-label], [placeholder]'))) {
      // a <pre>'s own label is a label; inside it, or in translate="no" (which covers attributes too), is data
      if (el.closest('[translate=no]') || el.parentElement?.closest(RAW) || english(el) || !el.checkVisibility()) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push({ text: v, where: `${where(el)}[${a}]` });
      }
    }
    return out;
  });
}

/**
 * Walks the page as it is now and remembers the English found under `place`. The text is joined per
 * element first, so a sentence split across nodes (`{n} of {m}`) is judged whole.
 */
async function walk(place: string): Promise<void> {
  const found = new Set<string>();
  for (const s of await shownTexts(lab.page)) {
    const phrases = englishPhrases(s.text);
    if (phrases.length) found.add(`${s.where}: ${phrases.map((p) => `«${p}»`).join(' ')} in «${s.text.slice(0, 200)}»`);
  }
  english[place] = [...found];
}

/** axe-core in the page; only what it rates serious or critical is a failure. */
async function audit(name: string): Promise<void> {
  const page = lab.page;
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async () => {
    const a = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await a.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`) }));
  });
  violations[name] = results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
}

/** Each page state is audited in both languages and both colour schemes. */
async function auditAll(name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await lab.page.emulateMedia({ colorScheme: scheme });
    for (const lang of ['zh', 'en'] as const) {
      await setLang(lang);
      await audit(`${name} ${lang} ${scheme}`);
    }
  }
  await lab.page.emulateMedia({ colorScheme: 'light' });
  await setLang('zh');
}

async function setLang(lang: 'zh' | 'en'): Promise<void> {
  const now = (await lab.page.getAttribute('html', 'lang')) === 'zh-CN' ? 'zh' : 'en';
  if (now !== lang) await lab.switchLanguage();
}

/** Opens the folded parts of the sidebar, so the cluster panel is walked whole. */
async function unfoldClusterPanel(): Promise<void> {
  for (const sel of ['[data-testid=cluster-settings]', '[data-testid=pack-section]', '[data-testid=cluster-panel] details']) {
    for (const d of await lab.page.locator(sel).all()) await d.evaluate((el) => el.setAttribute('open', ''));
  }
}

beforeAll(async () => {
  // A Chinese browser: the lab starts in Chinese by itself. The page's CSP (script-src 'self') would
  // refuse axe's injected script; bypassing it changes nothing else the audit looks at.
  h = await LabHarness.start('i18n', { viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', bypassCSP: true });
  lab = new LabPage(h.page, ARTIFACTS);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('zh-CN, everywhere, and accessible', () => {
  it('starts in Chinese for a Chinese browser; the catalog and the cluster panel', async () => {
    await lab.open(h.server.url);
    expect(await lab.page.getAttribute('html', 'lang')).toBe('zh-CN');
    await lab.page.waitForSelector('[data-testid=cluster-state]');
    await walk('catalog');
    await auditAll('catalog');
    await unfoldClusterPanel();
    await walk('cluster panel, unfolded');
  }, 120_000);

  it('a lesson before its run, with its What-if panel', async () => {
    await lab.openScenario(SCENARIO);
    await lab.page.waitForSelector('[data-testid=what-if]');
    await lab.page.waitForSelector('[data-testid=predicted-window], [data-testid=what-if] .problems', { timeout: 10_000 }).catch(() => undefined);
    await walk('lesson before the run');
    await auditAll('lesson before the run');
  }, 120_000);

  it('a lesson during and after a real run', async () => {
    await lab.start();
    await lab.page.waitForSelector('[data-testid=pod-status]', { timeout: 60_000 });
    await lab.page.waitForSelector('[data-testid=event-row]', { timeout: 30_000 });
    await walk('lesson during the run');
    const status = await lab.waitForRunEnd(120_000);
    expect(await lab.page.getAttribute('[data-testid=run-status]', 'data-status')).not.toBe('running');
    expect(status).toMatch(/[\u4e00-\u9fff]/);
    await walk('lesson after the run');
    await auditAll('lesson after the run');
  }, 240_000);

  it('saves the passed lesson in Chinese, light and dark, 1024 and 1440 wide', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await lab.page.emulateMedia({ colorScheme: scheme });
      for (const width of [1024, 1440]) {
        await lab.page.setViewportSize({ width, height: width === 1024 ? 768 : 1000 });
        await lab.shot(`i18n-zh-${scheme}-${width}`);
      }
    }
    await lab.page.emulateMedia({ colorScheme: 'light' });
    await lab.page.setViewportSize({ width: 1440, height: 1000 });
  }, 60_000);

  it('the What-if panel of a lesson with predicted windows', async () => {
    await lab.openScenario(PREDICTED);
    await lab.page.waitForSelector('[data-testid=predicted-window]', { timeout: 10_000 });
    await walk('What-if with predicted windows');
  }, 60_000);

  it('a run the learner stops: why it ended, and the verdicts it closed, in Chinese', async () => {
    await lab.start();
    await lab.page.waitForSelector('[data-testid=pod-row]', { timeout: 60_000 });
    await lab.page.click('[data-testid=stop]');
    await lab.waitForRunEnd(60_000);
    expect(await lab.page.getAttribute('[data-testid=run-status]', 'data-status')).toBe('aborted');
    expect(await lab.page.textContent('[data-testid=run-status]')).toBe('已中止：运行已被停止');
    await walk('lesson stopped by the learner');
  }, 120_000);

  it('left no English phrase on any page it walked', () => {
    const found = Object.entries(english).flatMap(([place, list]) => list.map((l) => `${place} — ${l}`));
    expect(Object.keys(english)).toEqual(['catalog', 'cluster panel, unfolded', 'lesson before the run', 'lesson during the run', 'lesson after the run', 'What-if with predicted windows', 'lesson stopped by the learner']);
    expect(found).toEqual([]);
  });

  it('axe-core finds no serious or critical violation', () => {
    const found = Object.entries(violations).flatMap(([page, list]) => list.map((l) => `${page} — ${l}`));
    expect(Object.keys(violations)).toHaveLength(12);
    expect(found).toEqual([]);
  });
});
