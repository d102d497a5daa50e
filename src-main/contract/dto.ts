// SPDX-License-Identifier: Apache-2.0
// Data that crosses from the engine to the UI (and the CLI's --json).
import type { Observation } from './observation';
import type { PodOutcome } from './outcome';
import type { Expectation, ExpectationType, I18nText, ScenarioContent, ScenarioSpec } from './scenario';
import type { Verdict } from './verdict';

/** One field of a manifest set to a new value ("what if"). */
export interface ManifestEdit {
  file: string;
  path: string;
  value: string | number | boolean;
}

/** A What-if field whose value is outside the API's type and range for it: shown next to the field. */
export interface FieldProblem {
  file: string;
  path: string;
  /** what is wrong, e.g. "must be a whole number from 1 to 2147483647, not 2.5" */
  message: I18nText;
}

/** A number the What-if panel lets the learner change: a lesson's param, or a field one of its variations changes. */
export interface EditableField {
  file: string;
  path: string;
  /** the value the preview used (the learner's valid edit, or the lesson's own) */
  value: number;
  /** the lesson's own value */
  original: number;
}

/** What the expectations predict for a (possibly edited) scenario, before running it. */
export interface ScenarioPreview {
  params: Record<string, number>;
  manifests: Record<string, string>;
  /** windows relative to their anchors, in seconds */
  /** `anchor` and `explain` in English (the CLI's), `anchorZh` and `explainZh` in Chinese */
  windows: Array<{ expectationId: string; prediction: string; anchor: string; anchorZh: string; lo: number; hi: number; explain: string; explainZh: string }>;
  /** every problem, in English, field problems included: a run with any is refused */
  problems: string[];
  /** the edits whose values the API would refuse, by field; the preview leaves them out */
  fieldProblems: FieldProblem[];
  /** the numbers the lesson lets the learner change, with their values in this preview */
  fields: EditableField[];
  /** what happens to each container with probes, and when; absent when the manifests could not be read */
  outcome?: PodOutcome;
  /** the edits are exactly this variation of the lesson's: its expectations judge the run */
  variation?: { id: string; title: I18nText };
  /** the variation's expectations, where it has one */
  expectations?: ExpectationView[];
}

export type ProgressStatus = 'not-started' | 'in-progress' | 'passed' | 'failed';

/** A scenario in the catalog: the stored version's title, summary, source and concepts, and how far the learner got. */
export interface ScenarioSummary extends Pick<ScenarioSpec, 'title' | 'summary' | 'source' | 'concepts'> {
  id: string;
  version: number;
  progress: ProgressStatus;
  /** where the catalogue (scenarios/catalogue.yaml) places it; absent for a lesson it does not list */
  chapter?: { id: string; title: I18nText };
  /** its place in the catalogue's order, 0 first */
  position?: number;
  /** the lesson to take after this one */
  next?: { id: string; title: I18nText };
}

export interface ExpectationView {
  id: string;
  type: ExpectationType;
  explain: I18nText;
  definition: Expectation;
}

/** A scenario opened: its summary and its content, as stored. */
export interface ScenarioDetail extends ScenarioSummary, ScenarioContent {
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
  /** the "what if" changes it ran with; empty for the lesson as written (only those runs count for progress) */
  edits: ManifestEdit[];
}

export interface ContainerLog {
  pod: string;
  container: string;
  /** the previous instance's log (kubectl logs --previous) */
  previous: boolean;
  text: string;
  /** why the API server gave no log (the container never started, no previous instance, the API away) */
  error?: string;
}

export interface RunDetail extends RunSummary {
  observations: Observation[];
  verdicts: Verdict[];
  logs: ContainerLog[];
  params: Record<string, number>;
  manifests: Record<string, string>;
  /** the lesson's variation the run's edits are, when they are exactly one */
  variation?: { id: string; title: I18nText };
  /** the expectations that judged the run, where the variation changed the lesson's */
  expectations?: ExpectationView[];
}

export interface PreflightCheckView {
  id: string;
  ok: boolean;
  message: string;
  /** what the user can do about a failure */
  fix?: string;
  /** the same in Chinese, where the check has it (the CLI prints the English) */
  messageZh?: string;
  fixZh?: string;
}

/** What podlab found out about the cluster, each fact only where it could be read. */
export interface ClusterFacts {
  nodeImage?: string;
  /** the ID of the image the node runs: a tag can move to a newer build */
  nodeImageId?: string;
  kubernetesVersion?: string;
  nodeReady?: boolean;
  /** the API server answered /version */
  apiHealthy?: boolean;
}

/** What loading the lessons' images into the node did. */
export interface ImageLoadReport {
  /** already in the node */
  present: string[];
  loaded: string[];
  /** neither in the node nor in the local Docker: the kubelet will have to pull them */
  missing: string[];
}

/** The failing command and its output, kept so the UI can show it. */
export interface ClusterFailure {
  at: string;
  message: string;
  argv?: string[];
  output?: string;
  /** where `kind export logs` put the node's logs after a failed create */
  logsDir?: string;
}

/** One step of creating, loading into or deleting the cluster. */
export interface ClusterProgress {
  step: string;
  /** the same in Chinese; a line passed through from Docker stays as Docker wrote it */
  stepZh?: string;
  /** 0..1 where known */
  fraction?: number;
}

export interface ClusterView extends ClusterFacts {
  provider: 'kind' | 'existing';
  name: string;
  state: 'absent' | 'running' | 'stopped' | 'unreachable';
  detail: string;
  /** the same in Chinese, where the provider has it */
  detailZh?: string;
  /** what the last cluster up did with the lessons' images */
  images?: ImageLoadReport;
  lastFailure?: ClusterFailure;
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
  steps: Array<{ step: string; skipped: boolean; detail: string; detailZh: string }>;
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
  /** the same in Chinese, where the engine says it (a command line such as `docker load …` stays as it is) */
  stepZh?: string;
  /** when a step ends ("<step>: <detail>"): its detail in Chinese */
  detailZh?: string;
  stepIndex: number;
  stepCount: number;
  bytesDone?: number;
  bytesTotal?: number;
}
