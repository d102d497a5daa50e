// SPDX-License-Identifier: Apache-2.0
// What the engine predicts will happen to a pod before it runs: per container, in words and as
// moments in seconds from the container's first start, each a range (the ticker's phase is unknown).
import type { I18nText } from './scenario';

export interface SecondsRange {
  lo: number;
  hi: number;
}

export type MomentKind = 'first-probe' | 'started' | 'ready' | 'not-ready' | 'kill' | 'exit' | 'restart';

/** A predicted moment, in seconds from the container's first start. */
export interface PredictedMoment extends SecondsRange {
  kind: MomentKind;
  pod: string;
  container: string;
  /** 1 for the first start, 2 for the first restart, … */
  instance: number;
  /** true when only some ticker phases lead to it */
  possible: boolean;
  label: I18nText;
}

export type OutcomeVerdict = 'ready' | 'never-ready' | 'may-restart' | 'restart-loop' | 'killed';

export interface ContainerOutcome {
  pod: string;
  container: string;
  verdict: OutcomeVerdict;
  sentence: I18nText;
  readyAt?: SecondsRange;
  firstKill?: SecondsRange;
  /** share of the ticker phases in which the first start is killed, 0…1 */
  killChance: number;
  killedBy?: 'startup' | 'liveness';
  /** seconds from the first start the prediction looks at (the lesson's time limit) */
  horizon: number;
  /** restarts RESTARTS shows by the horizon: certainly (lo), at most (hi) */
  restarts: SecondsRange;
  restartsAt: Array<{ instance: number; start: SecondsRange; backoff: number }>;
  moments: PredictedMoment[];
}

export interface PodOutcome {
  /** every container's sentence, joined */
  sentence: I18nText;
  containers: ContainerOutcome[];
  /** what the prediction assumed because the lesson does not say it */
  assumptions: I18nText[];
  horizon: number;
}
