// SPDX-License-Identifier: Apache-2.0
// The headers on every browser-mode response, the page, its assets, the API, errors and refused
// WebSocket upgrades alike: a refusal is a response a browser reads too.
import type { ServerResponse } from 'node:http';

/**
 * What the built renderer needs, and no more (checked against out/renderer): its own module script and
 * stylesheet, inline style attributes (Svelte's style: directives), the data: favicon, the WebSocket
 * back to this origin ('self' covers ws: and wss: of it), blob: downloads (a navigation, so not listed).
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** The renderer's policy, as browser mode and the Electron shell send it in a header. */
export const CSP = CSP_DIRECTIVES.join('; ');

/**
 * The same policy for the page's own <meta> tag (the renderer build writes it into index.html): a page
 * loaded from file://, the packaged Electron window, may get no response headers, so the tag is what it
 * can count on. frame-ancestors is left out: a meta tag cannot carry it (browsers ignore it, and warn).
 */
export const META_CSP = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors ')).join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  // The page's URL carries the token: no link or asset request may pass it on.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Everything but the renderer's own files is no-store: API answers and refusals are never cached. */
export function setSecurityHeaders(res: ServerResponse, cache: 'no-store' | 'no-cache' = 'no-store'): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('Cache-Control', cache);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  setSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  setSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/** A refused WebSocket upgrade, written on the raw socket with the same headers as any other response. */
export function upgradeRefusal(status: number, reason: string, text: string): string {
  const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(`${text}\n`)), Connection: 'close' };
  return `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${text}\n`;
}
