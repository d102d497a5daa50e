// SPDX-License-Identifier: Apache-2.0
// The typed handle on the engine: window.app, put there by the preload (or by browser mode).
import type { AppApi, AppEvents } from '@contract/api';

export type AppBridge = AppApi & {
  on<K extends keyof AppEvents>(name: K, cb: (payload: AppEvents[K]) => void): () => void;
};

declare global {
  interface Window {
    app: AppBridge;
  }
}

export const app = (): AppBridge => window.app;
