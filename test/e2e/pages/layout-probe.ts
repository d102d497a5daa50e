// SPDX-License-Identifier: Apache-2.0
// Layout checks that walk the whole DOM in the page, so a new element is covered without naming it:
// every box stays inside its parent's box sideways, no text is cut off, no scroll container scrolls
// sideways, and named panels are on screen.
import type { Page } from 'playwright-core';

/** One element or text that leaves its column, described so a failure says where to look. */
export interface Overflow {
  what: string;
  problem: string;
}

/**
 * Everything on screen that spills sideways. Runs in the page (the callback is serialised, so it
 * may use nothing from this module); SVG internals are the drawing's own business and are skipped,
 * the <svg> itself is not.
 */
export function overflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    type Rect = { left: number; right: number; width: number; height: number };
    type El = {
      tagName: string;
      id: string;
      className: unknown;
      parentElement: El | null;
      children: ArrayLike<El>;
      childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
      scrollWidth: number;
      clientWidth: number;
      getAttribute(n: string): string | null;
      getBoundingClientRect(): Rect;
      closest(q: string): El | null;
    };
    type Style = { display: string; visibility: string; overflowX: string; position: string; textOverflow: string };
    const g = globalThis as unknown as {
      document: { body: El; scrollingElement: El; createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): Rect } };
      getComputedStyle(e: El): Style;
    };
    const SLACK = 1; // sub-pixel rounding
    const found: { what: string; problem: string }[] = [];
    const name = (e: El): string => {
      const test = e.getAttribute('data-testid');
      const cls = typeof e.className === 'string' ? e.className.split(/\s+/).filter((c) => c && !c.startsWith('svelte-')).join('.') : '';
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls ? `.${cls}` : ''}${test ? `[${test}]` : ''}`;
    };
    const path = (e: El): string => {
      const parts: string[] = [];
      for (let at: El | null = e; at && parts.length < 4; at = at.parentElement) parts.unshift(name(at));
      return parts.join(' > ');
    };
    const outside = (inner: Rect, outer: Rect) => inner.left < outer.left - SLACK || inner.right > outer.right + SLACK;
    const walk = (e: El, parentRect: Rect | undefined) => {
      const style = g.getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      const r = e.getBoundingClientRect();
      // a box moved off screen on purpose (the skip link until it is focused)
      if (r.right < 0) return;
      const shown = r.width > 0 || r.height > 0;
      // an absolutely positioned box (a popover) answers to its containing block, not its parent
      let column = parentRect;
      if (style.position === 'absolute') {
        let block = e.parentElement;
        while (block && g.getComputedStyle(block).position === 'static') block = block.parentElement;
        column = block?.getBoundingClientRect();
      }
      if (shown && column && style.position !== 'fixed' && outside(r, column)) {
        found.push({ what: path(e), problem: `box ${Math.round(r.left)}–${Math.round(r.right)} outside its column ${Math.round(column.left)}–${Math.round(column.right)}` });
      }
      if (shown && style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + SLACK) {
        const how = style.overflowX === 'auto' || style.overflowX === 'scroll' ? 'scrolls sideways' : 'cuts its content off';
        found.push({ what: path(e), problem: `${how}: ${e.scrollWidth} px of content in ${e.clientWidth} px` });
      }
      if (e.tagName.toLowerCase() === 'svg') return;
      for (const n of Array.from(e.childNodes)) {
        if (n.nodeType !== 3 || !n.textContent?.trim()) continue;
        const range = g.document.createRange();
        range.selectNodeContents(n);
        const t = range.getBoundingClientRect();
        if (t.width > 0 && outside(t, r)) found.push({ what: `text "${n.textContent.trim().slice(0, 40)}" in ${path(e)}`, problem: `text ${Math.round(t.left)}–${Math.round(t.right)} outside ${Math.round(r.left)}–${Math.round(r.right)}` });
      }
      // a closed <details> shows its summary only (Chromium lays the rest out, hidden)
      const closed = e.tagName.toLowerCase() === 'details' && e.getAttribute('open') === null;
      for (const c of Array.from(e.children)) if (!closed || c.tagName.toLowerCase() === 'summary') walk(c, shown ? r : parentRect);
    };
    walk(g.document.body, undefined);
    const root = g.document.scrollingElement;
    if (root.scrollWidth > root.clientWidth + SLACK) found.push({ what: 'the page', problem: `scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px` });
    return found;
  });
}

/**
 * How many pixels of the element are visible (inside the viewport and inside every clipping
 * ancestor: the lesson pane scrolls on its own), and how tall it is. Both are read in one go: a
 * timeline grows a lane between two separate reads, and a visible height read before the growth
 * compared with a height read after it looks like a panel pushed off screen.
 */
export function visibility(page: Page, selector: string): Promise<{ visible: number; height: number }> {
  return page.evaluate((q) => {
    type Rect = { top: number; bottom: number; height: number };
    type El = { parentElement: El | null; getBoundingClientRect(): Rect };
    const g = globalThis as unknown as { document: { querySelector(q: string): El | null }; innerHeight: number; getComputedStyle(e: El): { overflowY: string } };
    const el = g.document.querySelector(q);
    if (!el) return { visible: 0, height: 0 };
    const r = el.getBoundingClientRect();
    let top = Math.max(r.top, 0);
    let bottom = Math.min(r.bottom, g.innerHeight);
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (g.getComputedStyle(a).overflowY === 'visible') continue;
      const ar = a.getBoundingClientRect();
      top = Math.max(top, ar.top);
      bottom = Math.min(bottom, ar.bottom);
    }
    return { visible: Math.max(0, bottom - top), height: r.height };
  }, selector);
}

/**
 * What covers the first line of `selector` (the sticky bar, say), sampled at three points along it,
 * or undefined when nothing does.
 */
export function coveredBy(page: Page, selector: string): Promise<string | undefined> {
  return page.evaluate((q) => {
    type El = { tagName: string; className: unknown; contains(o: unknown): boolean; getBoundingClientRect(): { top: number; left: number; width: number; height: number } };
    const g = globalThis as unknown as { document: { querySelector(q: string): El | null; elementFromPoint(x: number, y: number): El | null } };
    const el = g.document.querySelector(q);
    if (!el) return `nothing matches ${q}`;
    const r = el.getBoundingClientRect();
    for (const fx of [0.1, 0.5, 0.9]) {
      const x = r.left + r.width * fx;
      const y = r.top + Math.min(r.height / 2, 8);
      const hit = g.document.elementFromPoint(x, y);
      if (!hit || !el.contains(hit)) return `${hit ? `${hit.tagName}.${String(hit.className)}` : 'nothing (off screen)'} at ${Math.round(x)},${Math.round(y)}`;
    }
    return undefined;
  }, selector);
}
