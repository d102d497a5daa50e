// SPDX-License-Identifier: Apache-2.0
// Electron's entry: one instance, the engine built from app paths, IPC bound, events fanned out to the
// window. A failure to start is shown in a dialog with its fix, and the app quits with exit code 1.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { APP_EVENT_NAMES, EVENT_CHANNEL } from '@contract/api';
import { Engine, createLineLogger, noopLogger, type Logger } from '../core';
import { appPaths } from './app-paths';
import { bindContract } from './ipc';
import { describeStartupFailure } from './startup-failure';
import { createMainWindow, hardenAllWebContents, isTrustedUrl } from './window';

let log: Logger = noopLogger;
let logFile: string | undefined;

async function start(): Promise<void> {
  const paths = appPaths();
  mkdirSync(paths.logsDir, { recursive: true });
  logFile = join(paths.logsDir, 'engine.log');
  const sink = createWriteStream(logFile, { flags: 'a' });
  log = createLineLogger((l) => sink.write(`${l}\n`), process.env.APP_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const engine = await Engine.create({
    dataDir: paths.dataDir,
    scenariosDir: paths.scenariosDir,
    ...(process.env.APP_KUBECONFIG ? { kubeconfig: process.env.APP_KUBECONFIG } : {}),
    log,
  });
  app.on('before-quit', () => void engine.close());
  bindContract(engine, ipcMain, isTrustedUrl, log.child('ipc'));
  const win = createMainWindow();
  // Events raised before the page has loaded wait for it (podman's api-sender).
  let loaded = false;
  const queue: Array<[string, unknown]> = [];
  win.webContents.on('did-finish-load', () => {
    loaded = true;
    for (const [name, payload] of queue.splice(0)) win.webContents.send(EVENT_CHANNEL, name, payload);
  });
  for (const name of APP_EVENT_NAMES) {
    engine.events.on(name, (payload) => {
      if (win.isDestroyed()) return;
      if (loaded) win.webContents.send(EVENT_CHANNEL, name, payload);
      else queue.push([name, payload]);
    });
  }
  void engine.recover().catch((e: unknown) => log.warn(`recovery: ${String(e)}`));
}

function showStartupFailure(e: unknown): void {
  log.error(`could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const { title, message, detail } = describeStartupFailure(e, logFile ? { logFile } : {});
  dialog.showMessageBoxSync({ type: 'error', title, message, detail, buttons: ['Quit'] });
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  hardenAllWebContents();
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(showStartupFailure);
}
