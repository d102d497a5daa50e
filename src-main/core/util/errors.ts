// SPDX-License-Identifier: Apache-2.0
// AppError: a code for programs, a message for people, the cause kept (kind's errors.Wrap).

export class AppError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const inner = e.cause instanceof Error ? errorMessage(e.cause) : '';
    const cause = inner && !e.message.includes(inner) ? `: ${inner}` : '';
    return e.message + cause;
  }
  // client-node rejects some calls (exec over a websocket) with plain objects: an ErrorEvent, a Status.
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; reason?: unknown; type?: unknown };
    if (typeof o.message === 'string' && o.message) return o.message;
    if (typeof o.reason === 'string' && o.reason) return o.reason;
    try {
      return JSON.stringify(e).slice(0, 300);
    } catch {
      return Object.prototype.toString.call(e);
    }
  }
  return String(e);
}
