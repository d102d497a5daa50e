// SPDX-License-Identifier: Apache-2.0
// Serves the built renderer (out/renderer): regular files inside its folder only, GET and HEAD only.
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { sendText, setSecurityHeaders } from './security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** decodedPath: from parseRequestPath, so already free of "..", NUL and bad %-encoding */
export async function serveStatic(root: string, decodedPath: string, method: string | undefined, res: ServerResponse): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'method not allowed');
  }
  const rel = (decodedPath === '/' ? '/index.html' : decodedPath).replace(/^[/\\]+/, '');
  const file = await realpath(join(root, rel)).catch(() => undefined);
  const realRoot = await realpath(root);
  // realpath, so that a link inside the folder cannot lead out of it either.
  const st = file && file.startsWith(realRoot + sep) ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !st?.isFile()) return sendText(res, 404, 'not found');
  setSecurityHeaders(res, 'no-cache');
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': st.size });
  res.end(method === 'HEAD' ? undefined : await readFile(file));
}
