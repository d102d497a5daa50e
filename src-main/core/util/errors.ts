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
  return String(e);
}
