// SPDX-License-Identifier: Apache-2.0
// The one contract between the engine and its clients (Electron IPC, browser mode): methods, events, channels.
import type { ClusterProgress, ClusterView, ManifestEdit, PackImportView, PackProgressView, PackStatusView, PreflightCheckView, RunDetail, RunSummary, ScenarioDetail, ScenarioPreview, ScenarioSummary } from './dto';
import type { Observation } from './observation';
import type { AppSettings, SettingChange } from './settings';
import type { Verdict } from './verdict';

export interface AppApi {
  listScenarios(): Promise<ScenarioSummary[]>;
  getScenario(req: { id: string }): Promise<ScenarioDetail>;
  previewScenario(req: { id: string; edits: ManifestEdit[] }): Promise<ScenarioPreview>;
  startRun(req: { scenarioId: string; edits?: ManifestEdit[] }): Promise<{ runId: string }>;
  stopRun(req: { runId: string }): Promise<void>;
  getRun(req: { runId: string }): Promise<RunDetail>;
  listRuns(req: { scenarioId: string }): Promise<RunSummary[]>;
  /** the learner's prediction for a run, and (after it) what was observed */
  saveAnswer(req: { runId: string; about: string; answer: number; observed?: number }): Promise<void>;
  getAnswer(req: { runId: string }): Promise<{ about: string; answer: number; observed?: number } | undefined>;
  getCluster(): Promise<ClusterView>;
  preflight(): Promise<PreflightCheckView[]>;
  ensureCluster(): Promise<ClusterView>;
  deleteCluster(): Promise<ClusterView>;
  getSettings(): Promise<AppSettings>;
  /** all changes or none: each is validated before any is written */
  updateSettings(req: { changes: SettingChange[] }): Promise<AppSettings>;
  /** checks a lab pack file whole, then installs kind, its images and its lessons (progress: pack:progressed) */
  importPack(req: { path: string }): Promise<PackImportView>;
  getPackStatus(): Promise<PackStatusView>;
}

export interface AppEvents {
  /** observations of a run, coalesced into batches */
  /** `clockZero`: the epoch ms that observation times (`t`) count from */
  'run:observed': { runId: string; clockZero: number; observations: Observation[] };
  'run:verdicts-changed': { runId: string; verdicts: Verdict[] };
  'run:ended': { runId: string; status: RunSummary['status']; error?: string };
  /** after run:ended: the run's namespace is stuck deleting, and what holds it (the run's error now says so too) */
  'run:namespace-stuck': { runId: string; problem: string };
  'cluster:progressed': ClusterProgress;
  'cluster:state-changed': ClusterView;
  'pack:progressed': PackProgressView;
}

// A record, not a list: an event added to AppEvents and left out here fails to compile, where a
// list would only refuse a name that is not an event, and the transports would silently drop the new one.
const FORWARDED_EVENTS: Record<keyof AppEvents, true> = {
  'run:observed': true,
  'run:verdicts-changed': true,
  'run:ended': true,
  'run:namespace-stuck': true,
  'cluster:progressed': true,
  'cluster:state-changed': true,
  'pack:progressed': true,
};

/** Every event, for the transports that forward them all. */
export const APP_EVENT_NAMES = Object.keys(FORWARDED_EVENTS) as ReadonlyArray<keyof AppEvents>;

export const INVOKE = {
  listScenarios: 'scenario:list',
  getScenario: 'scenario:get',
  previewScenario: 'scenario:preview',
  startRun: 'run:start',
  stopRun: 'run:stop',
  getRun: 'run:get',
  listRuns: 'run:list',
  saveAnswer: 'answer:save',
  getAnswer: 'answer:get',
  getCluster: 'cluster:get',
  preflight: 'cluster:preflight',
  ensureCluster: 'cluster:ensure',
  deleteCluster: 'cluster:delete',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  importPack: 'pack:import',
  getPackStatus: 'pack:status',
} as const satisfies Record<keyof AppApi, `${string}:${string}`>;

/** Pushed events travel on this one channel as (name, payload). */
export const EVENT_CHANNEL = 'app:event';

export interface SerializedError {
  name: string;
  code: string;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Browser mode's WebSocket messages. Client → server: a call. Server → client: its envelope, or a pushed event. */
export type WireMessage =
  | { type: 'call'; id: number; method: string; args: unknown[] }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; name: keyof AppEvents; payload: unknown };
