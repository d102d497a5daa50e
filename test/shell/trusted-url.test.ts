// SPDX-License-Identifier: Apache-2.0
// The shell's test of "is this our page": the exact origin of the dev server, or the built index.html.
import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl } from '../../src-main/shell/trusted-url';

describe('isTrustedRendererUrl', () => {
  const dev = 'http://localhost:5173';
  it.each([
    ['http://localhost:5173/', dev, true],
    ['http://localhost:5173/#/lesson/x', dev, true],
    ['http://localhost:5173.evil.example/', dev, false],
    ['http://localhost:5173@evil.example/', dev, false],
    ['http://localhost:51730/', dev, false],
    ['https://localhost:5173/', dev, false],
    ['http://127.0.0.1:5173/', dev, false],
    ['file:///opt/podlab/out/renderer/index.html', 'file:///opt/podlab/out/renderer/index.html', true],
    ['file:///opt/podlab/out/renderer/index.html#/x', 'file:///opt/podlab/out/renderer/index.html', true],
    ['file:///opt/podlab/out/renderer/other.html', 'file:///opt/podlab/out/renderer/index.html', false],
    ['file:///opt/podlab/out/renderer/index.html.evil', 'file:///opt/podlab/out/renderer/index.html', false],
    ['file:///tmp/index.html', 'file:///opt/podlab/out/renderer/index.html', false],
    ['file://evil-host/opt/podlab/out/renderer/index.html', 'file:///opt/podlab/out/renderer/index.html', false],
    ['', dev, false],
    ['not a url', dev, false],
    ['about:blank', dev, false],
  ])('%s against %s: %s', (url, ours, trusted) => {
    expect(isTrustedRendererUrl(url, ours)).toBe(trusted);
  });
});
