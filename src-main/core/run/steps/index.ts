// SPDX-License-Identifier: Apache-2.0
// The step registry: one executor per step kind. A kind the contract has and this record lacks
// does not compile; a new kind is its schema (scenarios/schema/step.ts), a file here and a line below.
import type { Step } from '@contract/scenario';
import { AppError } from '../../util/errors';
import type { StepCall, StepContext, StepOutcome } from '../step-context';
import { apply } from './apply';
import { deleteObject } from './delete';
import { deletePod } from './delete-pod';
import { exec } from './exec';
import { patch } from './patch';
import { setCondition } from './set-condition';
import { sleep } from './sleep';
import type { StepExecutor, StepKind } from './step-kind';
import { stopTraffic, traffic } from './traffic';
import { waitFor } from './wait-for';

export type { StepKind } from './step-kind';

const EXECUTORS: { [K in StepKind]: StepExecutor<K> } = {
  apply,
  delete: deleteObject,
  deletePod,
  waitFor,
  sleep,
  exec,
  patch,
  setCondition,
  traffic,
  stopTraffic,
};

const KINDS = Object.keys(EXECUTORS) as StepKind[];

export function stepKind(step: Step): StepKind {
  const kind = KINDS.find((k) => k in step);
  if (!kind) throw new AppError('STEP_UNKNOWN', `a step with none of: ${KINDS.join(', ')}`);
  return kind;
}

export function executeStep(step: Step, call: StepCall, ctx: StepContext): Promise<StepOutcome> {
  return executeKind(stepKind(step), step, call, ctx);
}

function executeKind<K extends StepKind>(kind: K, step: Step, call: StepCall, ctx: StepContext): Promise<StepOutcome> {
  // stepKind() found the key K in this step, so its body is K's.
  const body = (step as unknown as Record<K, Parameters<StepExecutor<K>>[0]>)[kind];
  return EXECUTORS[kind](body, call, ctx);
}
