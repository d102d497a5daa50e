// SPDX-License-Identifier: Apache-2.0
// `apply: file.yaml`: every object of that manifest, created or updated in the run's namespace.
import { applyAll } from '../../kube/apply';
import type { StepExecutor } from './step-kind';

export const apply: StepExecutor<'apply'> = async (file, _call, ctx) => {
  await applyAll(ctx.kube, ctx.resolver, ctx.namespace, ctx.objects[file] ?? []);
  return { detail: `applied ${file}` };
};
