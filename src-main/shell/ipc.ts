// SPDX-License-Identifier: Apache-2.0
// Binds every AppApi method to its channel: sender checked, arguments validated, result in an envelope.
// Takes an IpcMain-shaped object so tests pass a fake; no import of 'electron' here.
import { INVOKE, type AppApi, type Envelope } from '@contract/api';
import { dispatch, type Logger } from '../core';

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void;
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
