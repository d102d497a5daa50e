// SPDX-License-Identifier: Apache-2.0
// The one app window, hardened: isolated, sandboxed, no Node, a CSP, no permissions, no navigation away
// from the app's own page, no new windows, no webviews.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, shell, type Session } from 'electron';
import { CSP } from '../serve/security-headers';
import { isTrustedRendererUrl } from './trusted-url';

export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
}

export function isTrustedUrl(url: string): boolean {
  return isTrustedRendererUrl(url, rendererUrl());
}

/** The lab needs no camera, microphone, notifications, geolocation, USB or HID: every request is denied. */
function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** For every web contents, the window's and any other: no new windows (https links open in the browser), no navigation, no webview. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    const stayHome = (event: { preventDefault(): void }, url: string) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-redirect', stayHome);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

export function createMainWindow(): BrowserWindow {
  denyAllPermissions(session.defaultSession);
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
  win.once('ready-to-show', () => win.show());
  const url = rendererUrl();
  if (url.startsWith('file://')) void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  else void win.loadURL(url);
  return win;
}
