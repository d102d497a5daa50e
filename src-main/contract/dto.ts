// SPDX-License-Identifier: Apache-2.0
// Data that crosses from the engine to the UI (and the CLI's --json).
import type { Observation } from './observation';
import type { Expectation, I18nText, ScenarioDocument } from './scenario';
import type { Verdict } from './verdict';

/** One field of a manifest set to a new value ("what if"). */
export interface ManifestEdit {
  file: string;
  path: string;
  value: string | number | boolean;
}

/** What the expectations predict for a (possibly edited) scenario, before running it. */
export interface ScenarioPreview {
  params: Record<string, number>;
  manifests: Record<string, string>;
  /** windows relative to their anchors, in seconds */
  windows: Array<{ expectationId: string; prediction: string; anchor: string; lo: number; hi: number; explain: string }>;
  problems: string[];
}

export type ProgressStatus = 'not-started' | 'in-progress' | 'passed' | 'failed';

export interface ScenarioSummary {
  id: string;
  version: number;
  title: I18nText;
  summary: I18nText;
  source: { note: string; section: string };
  concepts: string[];
  progress: ProgressStatus;
}

export interface ExpectationView {
  id: string;
  type: string;
  explain: I18nText;
  definition: Expectation;
}

export interface ScenarioDetail extends ScenarioSummary {
  doc: ScenarioDocument;
  manifests: Record<string, string>;
  params: Record<string, number>;
  /** the expected outcome, as stored in SQLite */
  expectations: ExpectationView[];
}

export type RunStatus = 'running' | 'passed' | 'failed' | 'error' | 'aborted' | 'interrupted';

export interface RunSummary {
  id: string;
  scenarioId: string;
  scenarioVersion: number;
  namespace: string;
  cluster: string;
  serverVersion?: string;
  startedAt: string;
  endedAt?: string;
  status: RunStatus;
  error?: string;
}

export interface ContainerLog {
  pod: string;
  container: string;
  /** the previous instance's log (kubectl logs --previous) */
  previous: boolean;
  text: string;
}

export interface RunDetail extends RunSummary {
  observations: Observation[];
  verdicts: Verdict[];
  logs: ContainerLog[];
  params: Record<string, number>;
  manifests: Record<string, string>;
}

export interface PreflightCheckView {
  id: string;
  ok: boolean;
  message: string;
  fix?: string;
}

export interface ClusterView {
  provider: 'kind' | 'existing';
  name: string;
  state: 'absent' | 'running' | 'stopped' | 'unreachable';
  detail: string;
  /** each only where podlab could read it */
  nodeImage?: string;
  nodeImageId?: string;
  kubernetesVersion?: string;
  nodeReady?: boolean;
  apiHealthy?: boolean;
  /** what the last cluster up did with the lessons' images */
  images?: { present: string[]; loaded: string[]; missing: string[] };
  /** `logsDir`: where the node's logs were saved after a failed create */
  lastFailure?: { at: string; message: string; argv?: string[]; output?: string; logsDir?: string };
}

/** A lab pack as its manifest describes it. */
export interface PackSummary {
  /** sha256 of the pack file */
  fileSha256: string;
  podlabVersion: string;
  kubernetesVersion: string;
  platform: string;
  kindVersion: string;
  nodeImage: string;
  images: string[];
  lessons: string[];
  /** bytes of all entries, unpacked */
  unpackedBytes: number;
}

/** The steps of a lab pack import, in order: the engine reports each by its index, the panel lists them. */
export const PACK_IMPORT_STEPS = ['check the pack', 'kind', 'node image', 'cluster', 'workload images', 'check the node', 'lessons'] as const;
export type PackImportStep = (typeof PACK_IMPORT_STEPS)[number];

export interface PackImportView {
  pack: PackSummary;
  /** one per step, in order: what it did, or that it found everything there already */
  steps: Array<{ step: string; skipped: boolean; detail: string }>;
}

export interface PackStatusView {
  installed?: PackSummary & { file: string; installedAt: string };
  /** kind in podlab's data folder, and whether it is the pack's build */
  kind: { path: string; installed: boolean; matchesPack?: boolean };
  /** Docker has the pack's node image under its tag, with the pack's ID */
  nodeImageInDocker?: boolean;
  clusterState: ClusterView['state'];
  /** each image of the pack; inNode only when the cluster runs */
  images: Array<{ ref: string; inNode?: boolean }>;
  lessons: Array<{ id: string; from: 'pack' | 'app'; missingImages: string[] }>;
  /** pack lessons this podlab could not load */
  problems: string[];
}

export interface PackProgressView {
  step: string;
  stepIndex: number;
  stepCount: number;
  bytesDone?: number;
  bytesTotal?: number;
}
