// SPDX-License-Identifier: Apache-2.0
// The preload: builds window.app from the contract's channel map, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, INVOKE, type Envelope } from '@contract/api';

class RemoteError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const api: Record<string, unknown> = {};
for (const [method, channel] of Object.entries(INVOKE)) {
  api[method] = async (...args: unknown[]) => {
    const env = (await ipcRenderer.invoke(channel, ...args)) as Envelope<unknown>;
    if (env.ok) return env.value;
    throw new RemoteError(env.error.message, env.error.code);
  };
}
api.on = (name: string, cb: (payload: unknown) => void) => {
  const listener = (_e: unknown, n: string, payload: unknown) => {
    if (n === name) cb(payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, listener);
  return () => ipcRenderer.off(EVENT_CHANNEL, listener);
};

contextBridge.exposeInMainWorld('app', api);
