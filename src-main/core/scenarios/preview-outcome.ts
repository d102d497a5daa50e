// SPDX-License-Identifier: Apache-2.0
// The parts of a preview read from the manifests themselves: the numbers the learner may change,
// and what the pod outcome predictor says will happen.
import type { EditableField } from '@contract/dto';
import type { PodOutcome } from '@contract/outcome';
import type { ScenarioDocument } from '@contract/scenario';
import { predictOutcome, type AppParam } from '../predict/outcome';
import { declaredEditFields } from './edit-rules';
import { parseManifest } from './manifest-check';
import { readFieldPath } from './manifest-path';

type Objects = Record<string, unknown[]>;

function objectsOf(manifests: Record<string, string>): Objects {
  return Object.fromEntries(Object.entries(manifests).map(([file, text]) => [file, parseManifest(file, text).objects]));
}

/** A field's number in a manifest, or the declaring param's default for an absent API field. */
function numberAt(doc: ScenarioDocument, objects: Objects, file: string, path: string): number | undefined {
  const value = readFieldPath(objects[file]?.[0], path);
  if (typeof value === 'number') return value;
  if (value !== undefined) return undefined;
  return Object.values(doc.spec.params ?? {}).find((p) => p.file === file && p.path === path && p.match === undefined)?.default;
}

/** Every declared field that holds a number, with its value now and in the lesson as stored. */
export function editableFields(doc: ScenarioDocument, stored: Record<string, string>, edited: Record<string, string>): EditableField[] {
  const before = objectsOf(stored);
  const now = objectsOf(edited);
  const out: EditableField[] = [];
  for (const [file, paths] of declaredEditFields(doc)) {
    for (const path of paths) {
      const original = numberAt(doc, before, file, path);
      if (original === undefined) continue;
      out.push({ file, path, original, value: numberAt(doc, now, file, path) ?? original });
    }
  }
  return out;
}

/** The lesson's params as the predictor reads them: name, value, and the container their path names. */
function appParams(doc: ScenarioDocument, params: Record<string, number>): AppParam[] {
  return Object.entries(doc.spec.params ?? {}).flatMap(([name, p]) => {
    const value = params[name];
    if (value === undefined) return [];
    const container = /containers\[name=([^\]]+)\]/.exec(p.path)?.[1];
    return [{ name, value, file: p.file, ...(container ? { container } : {}) }];
  });
}

export function outcomeOf(doc: ScenarioDocument, manifests: Record<string, string>, params: Record<string, number>): PodOutcome {
  return predictOutcome(objectsOf(manifests), appParams(doc, params), doc.spec.timeoutSeconds);
}
