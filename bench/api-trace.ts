// SPDX-License-Identifier: Apache-2.0
// Every HTTP request this process makes, stamped when it is sent and when its answer's headers
// arrive, through Node's own diagnostics channels: the evidence for where a run's time goes
// (how many ServiceAccount polls, how long the namespace delete waits) without touching the engine.
import type { ClientRequest, IncomingMessage } from 'node:http';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

export interface ApiCall {
  method: string;
  /** path and query, as sent */
  path: string;
  sentAt: number;
  /** when its own new TLS connection was up; unset when it reused a kept-alive one */
  connectedAt?: number;
  /** when the status line and headers came back (a watch's stream goes on after it) */
  answeredAt?: number;
  status?: number;
}

export interface ApiTrace {
  calls: ApiCall[];
  stop(): void;
}

export function startApiTrace(): ApiTrace {
  const calls: ApiCall[] = [];
  const open = new WeakMap<ClientRequest, ApiCall>();
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const call: ApiCall = { method: request.method, path: request.path, sentAt: Date.now() };
    open.set(request, call);
    // client-node builds a new https.Agent for every request, so each one may open its own connection.
    const onSocket = (socket: Socket) => {
      if (!request.reusedSocket) socket.once('secureConnect', () => (call.connectedAt = Date.now()));
    };
    if (request.socket) onSocket(request.socket);
    else request.once('socket', onSocket);
    calls.push(call);
  };
  const onAnswer = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const call = open.get(request);
    if (!call) return;
    call.answeredAt = Date.now();
    if (response.statusCode !== undefined) call.status = response.statusCode;
  };
  subscribe('http.client.request.start', onStart);
  // Published when the answer's headers are parsed, despite its name.
  subscribe('http.client.response.finish', onAnswer);
  return {
    calls,
    stop: () => {
      unsubscribe('http.client.request.start', onStart);
      unsubscribe('http.client.response.finish', onAnswer);
    },
  };
}
