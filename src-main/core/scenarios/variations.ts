// SPDX-License-Identifier: Apache-2.0
// A variation run: the lesson with one field changed, judged by the expectations the variation declares
// (the lesson's, with some replaced, dropped or added), so its effect is checked, not only described.
import type { ExpectationView, ManifestEdit } from '@contract/dto';
import { expectationType } from '../check/judges';
import type { Expectation, ScenarioDocument, Variation } from '@contract/scenario';

/** The name a variation goes by: its id, or its place in the list. */
export function variationName(v: Variation, index: number): string {
  return v.id ?? `variation-${index + 1}`;
}

export function variationEdit(v: Variation): ManifestEdit {
  return { file: v.change.file, path: v.change.path, value: v.change.value };
}

/** The variation these edits are, if they are exactly one variation's change (the What-if panel's preset, or `verify --variations`). */
export function variationOfEdits(doc: ScenarioDocument, edits: readonly ManifestEdit[]): number | undefined {
  if (edits.length !== 1) return undefined;
  const [e] = edits as [ManifestEdit];
  const i = (doc.spec.variations ?? []).findIndex((v) => v.change.file === e.file && v.change.path === e.path && String(v.change.value) === String(e.value));
  return i < 0 ? undefined : i;
}

/** The lesson's expectations as the variation changes them: replaced in place, dropped, added at the end. */
export function variedExpectations(base: readonly Expectation[], v: Variation): Expectation[] {
  const replaced = new Map((v.expect?.replace ?? []).map((e) => [e.id, e]));
  const dropped = new Set(v.expect?.drop ?? []);
  return [...base.filter((e) => !dropped.has(e.id)).map((e) => replaced.get(e.id) ?? e), ...(v.expect?.add ?? [])];
}

/** The document a run of the variation follows: its steps, expectations and time limit. */
export function variedDocument(doc: ScenarioDocument, index: number): ScenarioDocument {
  const v = doc.spec.variations?.[index];
  if (!v) throw new RangeError(`${doc.metadata.id} has no variation ${index + 1}`);
  return {
    ...doc,
    spec: {
      ...doc.spec,
      steps: v.steps ?? doc.spec.steps,
      expectations: variedExpectations(doc.spec.expectations, v),
      timeoutSeconds: v.timeoutSeconds ?? doc.spec.timeoutSeconds,
    },
  };
}

/** The variation and the expectations that judge it, as the UI shows them. */
export function variationView(doc: ScenarioDocument, index: number, expectations: readonly Expectation[]): { variation: { id: string; title: Variation['title'] }; expectations: ExpectationView[] } {
  const v = doc.spec.variations![index]!;
  return { variation: { id: variationName(v, index), title: v.title }, expectations: expectations.map(expectationView) };
}

export function expectationView(e: Expectation): ExpectationView {
  return { id: e.id, type: expectationType(e), explain: e.explain, definition: e };
}
