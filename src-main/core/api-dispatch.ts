// SPDX-License-Identifier: Apache-2.0
// One call into the engine from any transport (Electron IPC, browser mode): arguments validated,
// the result or the error in an envelope.
import type { AppApi, Envelope, SerializedError } from '@contract/api';
import { API_ARGS } from './api-args';
import type { Logger } from './util/log';

export function serializeError(e: unknown): SerializedError {
  const err = e as { name?: string; code?: string; message?: string; details?: unknown };
  return {
    name: err?.name ?? 'Error',
    code: err?.code ?? 'INTERNAL',
    message: err?.message ?? String(e),
    ...(err?.details !== undefined ? { details: JSON.parse(JSON.stringify(err.details)) as unknown } : {}),
  };
}

/** Validates and dispatches one call; shared by Electron IPC and browser mode. */
export async function dispatch(api: AppApi, method: keyof AppApi, args: unknown[], log: Logger): Promise<Envelope<unknown>> {
  const parsed = API_ARGS[method].safeParse(args);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
    log.warn(`refused ${method}: ${message}`);
    return { ok: false, error: { name: 'AppError', code: 'BAD_ARGUMENTS', message: `${method}: ${message}` } };
  }
  log.debug(`call ${method}`, args);
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn.apply(api, parsed.data as unknown[]) };
  } catch (e) {
    return { ok: false, error: serializeError(e) };
  }
}
