// SPDX-License-Identifier: Apache-2.0
// Binds every AppApi method to its channel: sender checked, arguments validated, result in an envelope.
// Takes an IpcMain-shaped object so tests pass a fake; no import of 'electron' here.
import { INVOKE, type AppApi, type Envelope, type SerializedError } from '@contract/api';
import { API_ARGS } from '../core/api-args';
import type { Logger } from '../core/util/log';

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void;
}

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

export function bindContract(api: AppApi, ipc: IpcMainLike, isTrustedUrl: (url: string) => boolean, log: Logger): void {
  for (const [method, channel] of Object.entries(INVOKE) as Array<[keyof AppApi, string]>) {
    ipc.handle(channel, async (event, ...args) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        log.warn(`refused ${channel} from ${url}`);
        return { ok: false, error: { name: 'AppError', code: 'UNTRUSTED_SENDER', message: 'calls are only accepted from the app window' } } satisfies Envelope<never>;
      }
      return dispatch(api, method, args, log);
    });
  }
}
