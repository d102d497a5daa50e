// SPDX-License-Identifier: Apache-2.0
// The IPC contract: every channel has a handler, arguments are validated, results travel in envelopes.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { INVOKE, type AppApi, type Envelope } from '../../src-main/contract/api';
import { API_ARGS } from '../../src-main/core/api-args';
import type { Engine } from '../../src-main/core/engine';
import { noopLogger } from '../../src-main/core/util/log';
import { AppError } from '../../src-main/core/util/errors';
import { bindContract, type IpcMainLike } from '../../src-main/shell/ipc';

type Handler = Parameters<IpcMainLike['handle']>[1];

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  invoke(channel: string, url: string, ...args: unknown[]): Promise<Envelope<unknown>> {
    return this.handlers.get(channel)!({ senderFrame: { url } }, ...args) as Promise<Envelope<unknown>>;
  }
}

/** Records calls; each method answers with its own name so the round trip is visible. */
function recordingApi(calls: Array<[string, unknown[]]>): AppApi {
  return new Proxy({} as AppApi, {
    get: (_t, method: string) => async (...args: unknown[]) => {
      calls.push([method, args]);
      if (method === 'getScenario') throw new AppError('SCENARIO_NOT_FOUND', 'no scenario nope', { details: { id: 'nope' } });
      return { method };
    },
  });
}

const TRUSTED = 'file:///app/out/renderer/index.html';
const trusted = (url: string) => url === TRUSTED;

function setup() {
  const ipc = new FakeIpcMain();
  const calls: Array<[string, unknown[]]> = [];
  bindContract(recordingApi(calls), ipc, trusted, noopLogger);
  return { ipc, calls };
}

const GOOD_ARGS: { [K in keyof AppApi]: Parameters<AppApi[K]> } = {
  listScenarios: [],
  getScenario: [{ id: 'startup-probe-slow-nginx' }],
  previewScenario: [{ id: 'startup-probe-slow-nginx', edits: [{ file: 'slow-nginx.yaml', path: 'spec.terminationGracePeriodSeconds', value: 5 }] }],
  startRun: [{ scenarioId: 'startup-probe-slow-nginx' }],
  stopRun: [{ runId: 'startup-probe-slow-nginx-abc-12ef' }],
  getRun: [{ runId: 'startup-probe-slow-nginx-abc-12ef' }],
  listRuns: [{ scenarioId: 'startup-probe-slow-nginx' }],
  saveAnswer: [{ runId: 'startup-probe-slow-nginx-abc-12ef', about: 'ready', answer: 20 }],
  getAnswer: [{ runId: 'startup-probe-slow-nginx-abc-12ef' }],
  getCluster: [],
  preflight: [],
  ensureCluster: [],
  deleteCluster: [],
  getSettings: [],
  updateSettings: [{ changes: [{ key: 'cluster.nodeImage', value: 'kindest/node:v1.34.4-podlab' }] }],
  importPack: [{ path: '/media/usb/podlab-pack.tgz' }],
  getPackStatus: [],
};

describe('the contract', () => {
  it('the engine implements AppApi', () => {
    expectTypeOf<Engine>().toExtend<AppApi>();
  });

  it('names every channel domain:verb, once', () => {
    const channels = Object.values(INVOKE);
    expect(new Set(channels).size).toBe(channels.length);
    for (const c of channels) expect(c).toMatch(/^[a-z]+:[a-z-]+$/);
    expect(Object.keys(API_ARGS).sort()).toEqual(Object.keys(INVOKE).sort());
  });

  it('has a handler for every channel', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
  });

  it.each(Object.entries(INVOKE) as Array<[keyof AppApi, string]>)('%s round-trips through %s', async (method, channel) => {
    const { ipc, calls } = setup();
    const env = await ipc.invoke(channel, TRUSTED, ...GOOD_ARGS[method]);
    if (method === 'getScenario') {
      expect(env).toEqual({ ok: false, error: { name: 'AppError', code: 'SCENARIO_NOT_FOUND', message: 'no scenario nope', details: { id: 'nope' } } });
    } else {
      expect(env).toEqual({ ok: true, value: { method } });
    }
    expect(calls).toEqual([[method, GOOD_ARGS[method]]]);
  });
});

describe('bad calls are refused before the engine sees them', () => {
  it.each([
    ['scenario:get', [], /getScenario/],
    ['scenario:get', [{ id: 42 }], /id/],
    ['scenario:get', [{ id: '../../etc/passwd' }], /lowercase/],
    ['run:start', [{ scenarioId: 'x', extra: true }], /Unrecognized key/],
    ['run:stop', ['not-an-object'], /expected object/],
    ['scenario:list', [{ surprise: 1 }], /too_big|Too big|expected/i],
  ])('%s with %j', async (channel, args, message) => {
    const { ipc, calls } = setup();
    const env = await ipc.invoke(channel, TRUSTED, ...args);
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('BAD_ARGUMENTS');
      expect(env.error.message).toMatch(message);
    }
    expect(calls).toEqual([]);
  });

  it('refuses a sender that is not the app window', async () => {
    const { ipc, calls } = setup();
    const env = await ipc.invoke('scenario:list', 'https://evil.example/');
    expect(env).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(calls).toEqual([]);
  });
});
