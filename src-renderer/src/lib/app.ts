// SPDX-License-Identifier: Apache-2.0
// The typed handle on the engine: window.app from the Electron preload, or, in browser mode,
// a WebSocket bridge built from the token in the page's URL. The UI code is the same for both.
import type { AppApi, AppEvents } from '@contract/api';
import { createWsBridge } from './ws-bridge';

/** How the page reaches the engine: always connected in the desktop app; over a socket in browser mode. */
export interface ConnectionState {
  status: 'connecting' | 'connected' | 'disconnected';
  /** failed attempts since the connection was lost */
  attempts: number;
  /** connected again after a loss: what the page shows may have missed events */
  reconnected?: boolean;
  /** the page never reached the engine (a wrong or old token, or no server) */
  neverConnected?: boolean;
}

export type AppBridge = AppApi & {
  on<K extends keyof AppEvents>(name: K, cb: (payload: AppEvents[K]) => void): () => void;
  /** told at once of the current state, then of each change; absent in the desktop app */
  onConnection?(cb: (state: ConnectionState) => void): () => void;
};

declare global {
  interface Window {
    app: AppBridge;
  }
}

let bridge: AppBridge | undefined;

export function app(): AppBridge {
  if (!bridge) {
    const token = new URLSearchParams(window.location.search).get('token');
    // The Electron preload puts the API on window.app; a page element with id="app" would shadow it,
    // so the page mounts on #root.
    const fromPreload = typeof window.app?.listScenarios === 'function' ? window.app : undefined;
    bridge = fromPreload ?? (token ? createWsBridge(token) : undefined);
    if (!bridge) throw new Error('no engine: open the URL that `podlab serve` printed (it carries the token)');
  }
  return bridge;
}
