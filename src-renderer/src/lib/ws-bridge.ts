// SPDX-License-Identifier: Apache-2.0
// Browser mode's window.app: the same AppApi, carried over a WebSocket with the page's token.
import { INVOKE, type WireMessage } from '@contract/api';
import type { AppBridge } from './app';

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
  let next = 1;
  let socket: WebSocket | undefined;
  let ready: Promise<WebSocket> | undefined;

  function open(): Promise<WebSocket> {
    ready ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('cannot reach the podlab engine (is `podlab serve` running, and the token right?)'));
      ws.onclose = () => {
        for (const p of pending.values()) p.reject(new Error('connection to the engine closed'));
        pending.clear();
        ready = undefined;
        socket = undefined;
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
    void open();
    return () => set.delete(cb as (p: unknown) => void);
  };
  api.on = on;
  return api as unknown as AppBridge;
}
