// SPDX-License-Identifier: Apache-2.0
// `kubectl exec` without a terminal over the API server's WebSocket channel protocol: each binary
// message starts with its channel (1 stdout, 2 stderr, 3 the end's metav1.Status). v5 and v4 send
// that Status; older ones do not, so they are not offered.
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { AppError } from '../util/errors';
import { KubeApiError, type ExecResult } from './kube-api';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;

type ExecStatus = { status?: string; message?: string; details?: { causes?: Array<{ reason?: string; message?: string }> } };

export interface ExecConnection {
  headers: Record<string, string | string[]>;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
  servername?: string;
}

export function execOverWebSocket(url: URL, connection: ExecConnection, what: string, timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const socket = new WebSocket(url, PROTOCOLS, { ...connection, handshakeTimeout: timeoutMs });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.terminate();
      fn();
    };
    const timer = setTimeout(() => settle(() => reject(new AppError('EXEC_TIMEOUT', `exec in ${what} timed out after ${timeoutMs / 1000} s`))), timeoutMs);

    socket.on('message', (data: Buffer, isBinary) => {
      if (!isBinary || data.length < 1) return;
      const channel = data[0];
      const payload = data.subarray(1);
      if (channel === STDOUT) out.push(payload);
      else if (channel === STDERR) err.push(payload);
      else if (channel === STATUS && payload.length) {
        const status = parseStatus(payload);
        const exitCode = exitCodeOf(status);
        // A failure with no exit code (the command could not start) says why only here.
        if (exitCode !== 0 && !hasExitCode(status) && status?.message) err.push(Buffer.from(status.message));
        settle(() => resolve({ exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
      }
    });
    // A refused upgrade (no such pod or container, forbidden) answers with a Status: say what it says.
    socket.on('unexpected-response', (request: ClientRequest, response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        settle(() => reject(new KubeApiError(response.statusCode ?? 0, 'GET', `${url.pathname} (exec)`, parseStatus(Buffer.from(text)) ?? text)));
        request.destroy();
      });
    });
    socket.on('error', (e) => settle(() => reject(new AppError('EXEC_FAILED', `exec in ${what}: ${e.message}`, { cause: e }))));
    socket.on('close', (code) => settle(() => reject(new AppError('EXEC_FAILED', `exec in ${what}: the connection closed (${code}) before the command's exit status came`))));
  });
}

function parseStatus(payload: Buffer): ExecStatus | undefined {
  try {
    return JSON.parse(payload.toString('utf8')) as ExecStatus;
  } catch {
    return undefined;
  }
}

/** Success is 0; a non-zero exit arrives as Failure with an ExitCode cause; anything else is 1 (`kubectl exec` says the same). */
function exitCodeOf(status: ExecStatus | undefined): number {
  if (status?.status === 'Success') return 0;
  const code = Number(exitCodeCause(status)?.message);
  return Number.isInteger(code) ? code : 1;
}

const exitCodeCause = (status: ExecStatus | undefined) => status?.details?.causes?.find((c) => c.reason === 'ExitCode');
const hasExitCode = (status: ExecStatus | undefined) => exitCodeCause(status) !== undefined;
