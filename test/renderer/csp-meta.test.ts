// SPDX-License-Identifier: Apache-2.0
// The page's CSP tag is the headers' policy, written in by the renderer build, never typed into
// index.html where it could drift from what browser mode and the Electron shell send.
import { readFileSync } from 'node:fs';
import type { HtmlTagDescriptor } from 'vite';
import { describe, expect, it } from 'vitest';
import { cspMeta } from '../../electron.vite.config';
import { CSP, META_CSP } from '../../src-main/serve/security-headers';

describe("the renderer page's CSP tag", () => {
  it('is the header policy less frame-ancestors, which a meta tag cannot carry', () => {
    expect(META_CSP).toBe(CSP.replace("; frame-ancestors 'none'", ''));
  });

  it('is written first into <head> by the build', () => {
    // The hook ignores the page and its context: it only adds the tag.
    const tags = (cspMeta.transformIndexHtml as () => HtmlTagDescriptor[])();
    expect(tags).toEqual([{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' }]);
  });

  it('is not in index.html itself', () => {
    expect(readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8')).not.toMatch(/Content-Security-Policy/i);
  });
});
