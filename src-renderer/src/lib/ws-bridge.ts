// SPDX-License-Identifier: Apache-2.0
// Browser mode's window.app: the same AppApi, carried over a WebSocket with the page's token. When
// the socket closes (the server stopped or restarted), it says so at once and keeps reconnecting to
// the same URL: `podlab serve` keeps its token and port per data folder, so a restart comes back here.
import { INVOKE, type WireMessage } from '@contract/api';
import type { AppBridge, ConnectionState } from './app';

const UNREACHABLE = 'cannot reach the podlab engine (is `podlab serve` running, and the token right?)';
/** Waits between reconnection attempts: quick at first, then every 5 s. */
const RETRY_MS = [250, 500, 1000, 2000, 5000];

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class RemoteError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function createWsBridge(token: string, location: Location = window.location): AppBridge {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const watchers = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = { status: 'connecting', attempts: 0 };
  let next = 1;
  let socket: WebSocket | undefined;
  let ready: Promise<WebSocket> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let everOpened = false;

  function setState(s: ConnectionState): void {
    state = s;
    for (const cb of watchers) cb(s);
  }

  /** After a lost connection: try again, backing off, as long as the page listens for events. */
  function scheduleRetry(): void {
    if (retry || !listeners.size) return;
    retry = setTimeout(() => {
      retry = undefined;
      open().catch(() => {});
    }, RETRY_MS[Math.min(state.attempts, RETRY_MS.length - 1)]);
  }

  function open(): Promise<WebSocket> {
    ready ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      let opened = false;
      ws.onopen = () => {
        opened = true;
        const again = everOpened;
        everOpened = true;
        setState({ status: 'connected', attempts: 0, ...(again ? { reconnected: true } : {}) });
        resolve(ws);
      };
      ws.onerror = () => reject(new Error(UNREACHABLE));
      ws.onclose = () => {
        for (const p of pending.values()) p.reject(new Error('connection to the engine closed'));
        pending.clear();
        ready = undefined;
        socket = undefined;
        if (!opened) reject(new Error(UNREACHABLE));
        setState({ status: 'disconnected', attempts: opened ? 1 : state.attempts + 1, ...(everOpened ? {} : { neverConnected: true }) });
        scheduleRetry();
      };
      ws.onmessage = (m) => {
        const msg = JSON.parse(String(m.data)) as WireMessage;
        if (msg.type === 'result') {
          const p = pending.get(msg.id);
          pending.delete(msg.id);
          if (!p || !msg.envelope) return;
          if (msg.envelope.ok) p.resolve(msg.envelope.value);
          else p.reject(new RemoteError(msg.envelope.error.message, msg.envelope.error.code));
        } else if (msg.type === 'event') {
          for (const cb of listeners.get(msg.name) ?? []) cb(msg.payload);
        }
      };
      socket = ws;
    });
    return ready;
  }

  const api: Record<string, unknown> = {};
  for (const method of Object.keys(INVOKE)) {
    api[method] = async (...args: unknown[]) => {
      const ws = socket?.readyState === WebSocket.OPEN ? socket : await open();
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'call', id, method, args } satisfies WireMessage));
      });
    };
  }
  const on: AppBridge['on'] = (name, cb) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(cb as (p: unknown) => void);
    open().catch(() => {}); // told through onConnection, and retried
    return () => set.delete(cb as (p: unknown) => void);
  };
  api.on = on;
  const onConnection: AppBridge['onConnection'] = (cb) => {
    watchers.add(cb);
    cb(state);
    return () => watchers.delete(cb);
  };
  api.onConnection = onConnection;
  return api as unknown as AppBridge;
}
