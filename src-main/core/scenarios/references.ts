// SPDX-License-Identifier: Apache-2.0
// Cross-references the schema cannot see: the study note, step ids, manifests named by steps, predictions
// and their args, the question's expectation, and each variation's own steps and expectations.
import type { Expectation, ScenarioDocument, Step, Variation } from '@contract/scenario';
import { PREDICTIONS } from '../predict';
import { STUDY_NOTES } from './notes';
import type { ScenarioProblem } from './scenario-error';
import { problemAt, type YamlSource } from './yaml-source';

type Path = PropertyKey[];

/** What a reference may name: the steps of the run it belongs to, and the lesson's params. */
interface Scope {
  stepIds: Set<string>;
  execIds: Set<string>;
  params: Set<string>;
}

export function checkReferences(source: YamlSource, doc: ScenarioDocument): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const spec = doc.spec;
  if (!(spec.source.note in STUDY_NOTES)) {
    problems.push(problemAt(source, ['spec', 'source', 'note'], `${spec.source.note} is not one of the study notes (${Object.keys(STUDY_NOTES).join(', ')})`));
  }
  const params = new Set(Object.keys(spec.params ?? {}));
  problems.push(...checkSteps(source, spec.steps, ['spec', 'steps'], spec.manifests));
  problems.push(...duplicateIds(source, spec.expectations, ['spec', 'expectations']));
  if (spec.question && !spec.expectations.some((e) => e.id === spec.question!.about)) {
    problems.push(problemAt(source, ['spec', 'question', 'about'], `no expectation has id "${spec.question.about}"`));
  }
  const scope = scopeOf(spec.steps, params);
  // Everything but the variations: a variation's references name its own steps, where it has them.
  for (const [key, node] of Object.entries(spec)) if (key !== 'variations') checkNode(source, node, ['spec', key], scope, problems);
  const variationIds = new Set<string>();
  (spec.variations ?? []).forEach((v, i) => {
    const at: Path = ['spec', 'variations', i];
    if (v.id !== undefined) {
      if (variationIds.has(v.id)) problems.push(problemAt(source, [...at, 'id'], `variation id "${v.id}" is used twice`));
      variationIds.add(v.id);
    }
    if (v.steps) problems.push(...checkSteps(source, v.steps, [...at, 'steps'], spec.manifests));
    checkNode(source, v, at, scopeOf(v.steps ?? spec.steps, params), problems);
    problems.push(...checkVariationExpect(source, spec.expectations, v, at));
  });
  return problems;
}

function scopeOf(steps: Step[], params: Set<string>): Scope {
  return {
    stepIds: new Set(steps.flatMap((s) => (s.id === undefined ? [] : [s.id]))),
    execIds: new Set(steps.filter((s) => 'exec' in s && s.id !== undefined).map((s) => s.id!)),
    params,
  };
}

function checkSteps(source: YamlSource, steps: Step[], at: Path, manifests: string[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    if (step.id !== undefined) {
      if (seen.has(step.id)) problems.push(problemAt(source, [...at, i, 'id'], `step id "${step.id}" is used twice`));
      seen.add(step.id);
    }
    if ('apply' in step && !manifests.includes(step.apply)) {
      problems.push(problemAt(source, [...at, i, 'apply'], `${step.apply} is not listed in spec.manifests`));
    }
  });
  return problems;
}

function duplicateIds(source: YamlSource, expectations: Expectation[], at: Path): ScenarioProblem[] {
  const seen = new Set<string>();
  const problems: ScenarioProblem[] = [];
  expectations.forEach((e, i) => {
    if (seen.has(e.id)) problems.push(problemAt(source, [...at, i, 'id'], `expectation id "${e.id}" is used twice`));
    seen.add(e.id);
  });
  return problems;
}

/** replace and drop name the lesson's expectations; add names new ones; at least one is left to judge the run. */
function checkVariationExpect(source: YamlSource, base: Expectation[], v: Variation, at: Path): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const ids = new Set(base.map((e) => e.id));
  const touched = new Set<string>();
  const claim = (id: string, path: Path, what: string): void => {
    if (touched.has(id)) problems.push(problemAt(source, path, `expectation "${id}" is ${what} and also replaced, dropped or added`));
    touched.add(id);
  };
  (v.expect?.replace ?? []).forEach((e, i) => {
    const path = [...at, 'expect', 'replace', i, 'id'];
    if (!ids.has(e.id)) problems.push(problemAt(source, path, `the lesson has no expectation "${e.id}" to replace (add a new one under expect.add)`));
    claim(e.id, path, 'replaced');
  });
  (v.expect?.drop ?? []).forEach((id, i) => {
    const path = [...at, 'expect', 'drop', i];
    if (!ids.has(id)) problems.push(problemAt(source, path, `the lesson has no expectation "${id}" to drop`));
    claim(id, path, 'dropped');
  });
  (v.expect?.add ?? []).forEach((e, i) => {
    const path = [...at, 'expect', 'add', i, 'id'];
    if (ids.has(e.id)) problems.push(problemAt(source, path, `the lesson already has an expectation "${e.id}" (replace it under expect.replace)`));
    claim(e.id, path, 'added');
  });
  const left = base.length - (v.expect?.drop?.length ?? 0) + (v.expect?.add?.length ?? 0);
  if (left < 1) problems.push(problemAt(source, [...at, 'expect', 'drop'], 'a variation must leave at least one expectation to judge the run by'));
  return problems;
}

function checkNode(source: YamlSource, root: unknown, at: Path, scope: Scope, problems: ScenarioProblem[]): void {
  walk(root, at, (node, path) => {
    if (typeof node.stepDone === 'string' && !scope.stepIds.has(node.stepDone)) {
      problems.push(problemAt(source, [...path, 'stepDone'], `no step has id "${node.stepDone}"`));
    }
    if (typeof node.execResult === 'string' && !scope.execIds.has(node.execResult)) {
      problems.push(problemAt(source, [...path, 'execResult'], `no exec step has id "${node.execResult}"`));
    }
    if (typeof node.plus === 'string' && 'anchor' in node && !scope.params.has(node.plus)) {
      problems.push(problemAt(source, [...path, 'plus'], `no param named "${node.plus}" in spec.params`));
    }
    if (path[path.length - 1] === 'anchor' && typeof node.step === 'string' && !scope.stepIds.has(node.step)) {
      problems.push(problemAt(source, [...path, 'step'], `no step has id "${node.step}"`));
    }
    if (typeof node.predict === 'string') checkPrediction(source, node, path, scope, problems);
  });
}

function checkPrediction(source: YamlSource, node: Record<string, unknown>, path: Path, scope: Scope, problems: ScenarioProblem[]): void {
  const name = node.predict as string;
  const prediction = PREDICTIONS[name];
  if (!prediction) {
    problems.push(problemAt(source, [...path, 'predict'], `unknown prediction "${name}" (known: ${Object.keys(PREDICTIONS).join(', ')})`));
    return;
  }
  const args = (node.args ?? {}) as Record<string, unknown>;
  for (const arg of prediction.args) {
    if (!(arg in args)) problems.push(problemAt(source, [...path, 'args'], `${name} needs arg ${arg}`));
  }
  const allowed = new Set([...prediction.args, ...Object.keys(prediction.optional ?? {})]);
  for (const [arg, value] of Object.entries(args)) {
    if (!allowed.has(arg)) problems.push(problemAt(source, [...path, 'args', arg], `${name} takes no arg ${arg}`));
    if (typeof value === 'string' && !scope.params.has(value)) {
      problems.push(problemAt(source, [...path, 'args', arg], `no param named "${value}" in spec.params`));
    }
  }
}

function walk(node: unknown, path: Path, visit: (n: Record<string, unknown>, path: Path) => void): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i], visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, path);
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k], visit);
  }
}
