// SPDX-License-Identifier: Apache-2.0
// Plain node:http(s) requests for the serve tests: unlike fetch, they may send any Host header and path.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import WebSocket from 'ws';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** https: the certificate to trust (and check the name against) */
  ca?: string;
  /** https: skip the certificate check (to send a Host that is not among its names) */
  anyCertificate?: boolean;
}

export function send(url: string, opts: RequestOptions = {}): Promise<Reply> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      // path as given: URL would normalize away the "..", "%2e" and bad %-escapes the tests are about
      { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port, path: url.slice(url.indexOf('/', u.protocol.length + 2)), method: opts.method ?? 'GET', headers: opts.headers, ...(opts.ca ? { ca: opts.ca } : {}), ...(opts.anyCertificate ? { rejectUnauthorized: false } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; rejects with the refusal's status and body when the upgrade is refused. */
export function openWs(url: string, opts: { headers?: Record<string, string>; ca?: string } = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...(opts.headers ? { headers: opts.headers } : {}), ...(opts.ca ? { ca: opts.ca } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').trim()} [${res.headers['content-security-policy'] ? 'csp' : 'no csp'}]`)));
    });
    ws.once('error', reject);
  });
}

/** Bytes as written, for requests node:http would not send (no Host, a "*" or absolute-form target); the status line back. */
export function sendRaw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').split('\r\n')[0]!));
    socket.on('error', reject);
  });
}
