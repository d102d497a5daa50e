// SPDX-License-Identifier: Apache-2.0
// The one app window, hardened: isolated, sandboxed, no Node, a CSP, no navigation, no new windows.
import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `file://${join(import.meta.dirname, '../renderer/index.html')}`;
}

export function isTrustedUrl(url: string): boolean {
  const base = rendererUrl();
  return url === base || url.startsWith(base.replace(/index\.html$/, ''));
}

export function createMainWindow(): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Pod Lifecycle Lab',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  const url = rendererUrl();
  if (url.startsWith('file://')) void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  else void win.loadURL(url);
  return win;
}
