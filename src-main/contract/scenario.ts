// SPDX-License-Identifier: Apache-2.0
// The scenario format (apiVersion podlab.dev/v1alpha1, kind Scenario), as types.
// The schema that validates it lives in core/scenarios/schema; scenarios/README.md documents it.

export const SCENARIO_API_VERSION = 'podlab.dev/v1alpha1';

export interface I18nText {
  zh: string;
  en: string;
}

/** A state of the world at one moment; evaluated against the observed timeline. */
export type Predicate =
  | { pod?: string; phase: string }
  | { pod?: string; condition: string; status: 'True' | 'False' | 'Unknown'; reason?: string }
  | {
      pod?: string;
      container: string;
      state?: 'waiting' | 'running' | 'terminated';
      /** regular expression matched against waiting/terminated reason */
      reason?: string;
      /** regular expression matched against the previous instance's lastState.terminated.reason (OOMKilled, Error …) */
      lastReason?: string;
      exitCode?: number;
      ready?: boolean;
      started?: boolean;
      restartsAtLeast?: number;
    }
  /** kubectl's columns: equals or matches (regex) */
  | { pod?: string; column: 'ready' | 'status' | 'restarts'; equals?: string; matches?: string }
  | { pod?: string; exists: boolean }
  | { pod?: string; terminating: boolean }
  | {
      endpoint: { service: string; pod?: string };
      ready?: boolean;
      serving?: boolean;
      terminating?: boolean;
      present?: boolean;
    }
  /** the latest request of a traffic generator succeeded (ok: true) or failed */
  | { traffic: string; ok: boolean }
  /** an event with this reason (and message regex) has been seen so far */
  | { event: { reason: string; message?: string; object?: string; type?: 'Normal' | 'Warning' } }
  | { stepDone: string }
  /** the exec step with this id ran, and its exit code / output (regex, stdout and stderr) match */
  | { execResult: string; exitCode?: number; output?: string }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

/** A moment on the run's clock to measure from. */
export type Anchor =
  | 'start'
  | { step: string }
  | { became: Predicate }
  /** status.containerStatuses[].state.running.startedAt of the n-th instance (1 = first) */
  | { containerStarted: { container: string; pod?: string; instance?: number } }
  /** lastState/state terminated.finishedAt of the n-th instance */
  | { containerFinished: { container: string; pod?: string; instance?: number } }
  | { deletionRequested: { pod?: string } };

/** A point in time: seconds after the run started, or an anchor plus seconds. */
export type TimeRef = number | 'end' | { anchor: Anchor; plus?: NumberArg };

/** A TimeRef whose `plus` has been looked up: what the checker works with. */
export type BoundTimeRef = number | 'end' | { anchor: Anchor; plus?: number };

/** A literal number or the name of a param read from the manifests. */
export type NumberArg = number | string;

export type Window =
  | { from: TimeRef; to: TimeRef }
  | {
      predict: string;
      anchor: Anchor;
      args: Record<string, NumberArg>;
      /** seconds the anchor may be seen after the moment it marks (an event: the kubelet's recorder
       *  sends it asynchronously), so the window opens that much earlier */
      anchorSeenLate?: number;
    };

export type Countable =
  | { restarts: { container: string; pod?: string } }
  | { events: { reason: string; message?: string; object?: string; type?: 'Normal' | 'Warning' } }
  | { traffic: { name: string; ok: boolean } }
  | { transitions: Predicate };

export interface ExpectationBase {
  id: string;
  explain: I18nText;
}

export type Expectation = ExpectationBase &
  (
    | { holds: Predicate; during: Window }
    | { becomes: Predicate; within: Window }
    | { count: Countable; min?: number; max?: number; by?: TimeRef }
    | { first: Predicate; then: Predicate }
    | { final: Predicate }
  );

/** What kind of expectation, as stored and shown; the key that marks it in a lesson is in check/judges (`order` is `first: … then: …`). */
export type ExpectationType = 'holds' | 'becomes' | 'count' | 'order' | 'final';

export interface TrafficTarget {
  pod?: string;
  service?: string;
  port: number;
  path?: string;
}

export interface StepTiming {
  id?: string;
  /** do not start before this many seconds after the run started */
  at?: number;
  /** do not start before this predicate holds */
  after?: Predicate;
  /** how long `after` / `waitFor` may take (default 120 s) */
  timeoutSeconds?: number;
}

export type StepAction =
  | { apply: string }
  | { delete: { kind: string; name: string } }
  | { deletePod: { name?: string; gracePeriodSeconds?: number } }
  | { waitFor: Predicate }
  | { sleep: number }
  | { exec: { pod?: string; container?: string; command: string[] } }
  | { patch: { kind: string; name: string; patch: Record<string, unknown>; type?: 'merge' | 'strategic' | 'json' } }
  | { setCondition: { pod?: string; type: string; status: 'True' | 'False' } }
  | { traffic: { name: string; target: TrafficTarget; everySeconds?: number } }
  | { stopTraffic: string };

export type Step = StepTiming & StepAction;

export interface ParamSource {
  file: string;
  /** e.g. spec.containers[name=web].startupProbe.periodSeconds */
  path: string;
  /** a regex with one group, for numbers inside strings (a `sleep 20` in args) */
  match?: string;
  /** the API default when the field is absent (periodSeconds: 10) */
  default?: number;
}

export interface Hint {
  zh: string;
  en: string;
}

/** "Try this": one field changed, and what the learner should then see. */
export interface Variation {
  /** names the variation in `verify --variations` and a run's record; a lowercase DNS label */
  id?: string;
  title: I18nText;
  change: { file: string; path: string; value: string | number | boolean };
  effect: I18nText;
  /** how the lesson's expectations change when it runs with this change: the effect, checked */
  expect?: VariationExpect;
  /** the steps in place of the lesson's, where one of them cannot hold with the change */
  steps?: Step[];
  timeoutSeconds?: number;
}

/** A variation's expectations: the lesson's, with these replaced (by id), dropped and added. */
export interface VariationExpect {
  replace?: Expectation[];
  drop?: string[];
  add?: Expectation[];
}

/** What a lesson needs of the node's images; a run checks it before it starts. */
export interface ScenarioImages {
  /** the lesson teaches pulls that fail: the kubelet's Pulling events are expected, and the node
   *  must reach no registry for its images (podlab refuses a registry mirror for them) */
  failedPulls?: boolean;
  /** images the lesson needs NOT to be on the node (a missing-image lesson); each one named by a manifest */
  absent?: string[];
}

/** Resources the node must have allocatable (status.allocatable), as Kubernetes quantities. */
export type NodeAllocatable = Partial<Record<'cpu' | 'memory' | 'ephemeral-storage' | 'pods', string>>;

/** What a lesson needs of the node; a run checks it before it starts. */
export interface ScenarioRequires {
  nodeAllocatable?: NodeAllocatable;
}

export interface ScenarioSpec {
  title: I18nText;
  summary: I18nText;
  explanation: I18nText;
  source: { note: string; section: string };
  concepts: string[];
  /** the pod predicates refer to when they name none */
  subject: string;
  manifests: string[];
  params?: Record<string, ParamSource>;
  steps: Step[];
  expectations: Expectation[];
  hints: Hint[];
  kubectl?: string[];
  variations?: Variation[];
  /** a hard limit on the run's length */
  timeoutSeconds: number;
  images?: ScenarioImages;
  requires?: ScenarioRequires;
  /** the learner's question, answered before Start */
  question?: { text: I18nText; about: string; unit: 'seconds' | 'count' };
}

export interface ScenarioDocument {
  apiVersion: typeof SCENARIO_API_VERSION;
  kind: 'Scenario';
  metadata: { id: string };
  spec: ScenarioSpec;
}

/** What a scenario is, wherever it is kept: the document, its manifests' text, its params' values. */
export interface ScenarioContent {
  id: string;
  doc: ScenarioDocument;
  /** manifest file name → its text */
  manifests: Record<string, string>;
  /** resolved param values */
  params: Record<string, number>;
}

/** A scenario as loaded: its content, and where it came from. */
export interface LoadedScenario extends ScenarioContent {
  dir: string;
  file: string;
  /** sha256 of the scenario file and its manifests */
  contentHash: string;
}
