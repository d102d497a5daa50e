// SPDX-License-Identifier: Apache-2.0
// Whether a URL is the app's own page: the same origin as the dev server's, exactly (so not
// http://localhost:5173.evil.example/), or the built index.html itself. No import of 'electron' here.

export function isTrustedRendererUrl(url: string, rendererUrl: string): boolean {
  const given = parse(url);
  const ours = parse(rendererUrl);
  if (!given || !ours) return false;
  if (ours.protocol === 'file:') return given.protocol === 'file:' && given.host === '' && given.pathname === ours.pathname;
  if (ours.protocol !== 'http:' && ours.protocol !== 'https:') return false;
  return given.origin === ours.origin;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
