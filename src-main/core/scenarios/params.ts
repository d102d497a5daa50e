// SPDX-License-Identifier: Apache-2.0
// Params: numbers read from the manifests' own fields, so an edited manifest moves the predicted windows.
import type { ScenarioDocument } from '@contract/scenario';
import { parseManifest } from './manifest-check';
import { readFieldPath } from './manifest-path';
import type { ScenarioProblem } from './scenario-error';
import { problemAt, type YamlSource } from './yaml-source';

export function resolveParams(
  source: YamlSource,
  doc: ScenarioDocument,
  manifests: Record<string, string>,
): { params: Record<string, number>; problems: ScenarioProblem[] } {
  const params: Record<string, number> = {};
  const problems: ScenarioProblem[] = [];
  for (const [name, p] of Object.entries(doc.spec.params ?? {})) {
    const at = (field: string, msg: string) => problems.push(problemAt(source, ['spec', 'params', name, field], msg));
    const text = manifests[p.file];
    if (text === undefined) {
      at('file', `${p.file} is not one of spec.manifests`);
      continue;
    }
    const { objects } = parseManifest(p.file, text);
    let value: unknown;
    try {
      value = readFieldPath(objects[0], p.path);
    } catch (e) {
      at('path', (e as Error).message);
      continue;
    }
    if (value === undefined) {
      if (p.default === undefined) at('path', `${p.file} has no field ${p.path} (give a default for an optional API field)`);
      else params[name] = p.default;
      continue;
    }
    if (p.match !== undefined) {
      const m = new RegExp(p.match).exec(String(value));
      if (!m || m[1] === undefined || Number.isNaN(Number(m[1]))) {
        at('match', `/${p.match}/ finds no number in ${p.path} (${JSON.stringify(value)})`);
        continue;
      }
      params[name] = Number(m[1]);
    } else if (typeof value === 'number') {
      params[name] = value;
    } else {
      at('path', `${p.path} is ${JSON.stringify(value)}, not a number (use match: for numbers inside strings)`);
    }
  }
  // A variation changes a field that must exist (or be a param's defaulted field) in a listed manifest.
  (doc.spec.variations ?? []).forEach((v, i) => {
    const text = manifests[v.change.file];
    if (text === undefined) {
      problems.push(problemAt(source, ['spec', 'variations', i, 'change', 'file'], `${v.change.file} is not one of spec.manifests`));
      return;
    }
    try {
      const parent = v.change.path.replace(/\.[^.[\]]+$|\[[^\]]+\]$/, '');
      if (parent !== v.change.path && readFieldPath(parseManifest(v.change.file, text).objects[0], parent) === undefined) {
        problems.push(problemAt(source, ['spec', 'variations', i, 'change', 'path'], `${v.change.file} has no ${parent} to change`));
      }
    } catch (e) {
      problems.push(problemAt(source, ['spec', 'variations', i, 'change', 'path'], (e as Error).message));
    }
  });
  return { params, problems };
}
