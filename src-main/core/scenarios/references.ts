// SPDX-License-Identifier: Apache-2.0
// Cross-references the schema cannot see: the study note, step ids, manifests named by steps, predictions and their args.
import type { ScenarioDocument } from '@contract/scenario';
import { PREDICTIONS } from '../predict';
import { STUDY_NOTES } from './notes';
import type { ScenarioProblem } from './scenario-error';
import { problemAt, type YamlSource } from './yaml-source';

export function checkReferences(source: YamlSource, doc: ScenarioDocument): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const spec = doc.spec;
  if (!(spec.source.note in STUDY_NOTES)) {
    problems.push(problemAt(source, ['spec', 'source', 'note'], `${spec.source.note} is not one of the study notes (${Object.keys(STUDY_NOTES).join(', ')})`));
  }
  const stepIds = new Set<string>();
  spec.steps.forEach((step, i) => {
    if (step.id !== undefined) {
      if (stepIds.has(step.id)) problems.push(problemAt(source, ['spec', 'steps', i, 'id'], `step id "${step.id}" is used twice`));
      stepIds.add(step.id);
    }
    if ('apply' in step && !spec.manifests.includes(step.apply)) {
      problems.push(problemAt(source, ['spec', 'steps', i, 'apply'], `${step.apply} is not listed in spec.manifests`));
    }
  });
  const execIds = new Set(spec.steps.filter((s) => 'exec' in s && s.id !== undefined).map((s) => s.id!));
  const expIds = new Set<string>();
  spec.expectations.forEach((e, i) => {
    if (expIds.has(e.id)) problems.push(problemAt(source, ['spec', 'expectations', i, 'id'], `expectation id "${e.id}" is used twice`));
    expIds.add(e.id);
  });
  const params = new Set(Object.keys(spec.params ?? {}));
  walk(spec, ['spec'], (node, path) => {
    if (typeof node.stepDone === 'string' && !stepIds.has(node.stepDone)) {
      problems.push(problemAt(source, [...path, 'stepDone'], `no step has id "${node.stepDone}"`));
    }
    if (typeof node.execResult === 'string' && !execIds.has(node.execResult)) {
      problems.push(problemAt(source, [...path, 'execResult'], `no exec step has id "${node.execResult}"`));
    }
    if (typeof node.plus === 'string' && 'anchor' in node && !params.has(node.plus)) {
      problems.push(problemAt(source, [...path, 'plus'], `no param named "${node.plus}" in spec.params`));
    }
    if (path[path.length - 1] === 'anchor' && typeof node.step === 'string' && !stepIds.has(node.step)) {
      problems.push(problemAt(source, [...path, 'step'], `no step has id "${node.step}"`));
    }
    if (typeof node.predict === 'string') {
      const prediction = PREDICTIONS[node.predict];
      if (!prediction) {
        const known = Object.keys(PREDICTIONS).join(', ');
        problems.push(problemAt(source, [...path, 'predict'], `unknown prediction "${node.predict}" (known: ${known})`));
        return;
      }
      const args = (node.args ?? {}) as Record<string, unknown>;
      for (const name of prediction.args) {
        if (!(name in args)) problems.push(problemAt(source, [...path, 'args'], `${node.predict} needs arg ${name}`));
      }
      const allowed = new Set([...prediction.args, ...Object.keys(prediction.optional ?? {})]);
      for (const [name, value] of Object.entries(args)) {
        if (!allowed.has(name)) problems.push(problemAt(source, [...path, 'args', name], `${node.predict} takes no arg ${name}`));
        if (typeof value === 'string' && !params.has(value)) {
          problems.push(problemAt(source, [...path, 'args', name], `no param named "${value}" in spec.params`));
        }
      }
    }
  });
  return problems;
}

function walk(node: unknown, path: PropertyKey[], visit: (n: Record<string, unknown>, path: PropertyKey[]) => void): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i], visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, path);
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k], visit);
  }
}
