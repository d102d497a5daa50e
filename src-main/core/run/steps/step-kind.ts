// SPDX-License-Identifier: Apache-2.0
// Step kinds as types: the kind is the step's one action key (`{apply: …}`, `{sleep: …}`).
import type { StepAction } from '@contract/scenario';
import type { StepCall, StepContext, StepOutcome } from '../step-context';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

export type StepKind = KeysOfUnion<StepAction>;

/** What follows the kind's key: `sleep: 5` → 5. */
export type StepBody<K extends StepKind> = Extract<StepAction, Record<K, unknown>>[K];

export type StepExecutor<K extends StepKind> = (body: StepBody<K>, call: StepCall, ctx: StepContext) => Promise<StepOutcome>;
