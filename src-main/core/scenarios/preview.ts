// SPDX-License-Identifier: Apache-2.0
// Before running: what the expectations predict for a scenario as stored or with edited fields, what
// will happen to its pods, and which edits the API would refuse (by field, so the panel shows each
// next to its input; the preview goes on without them).
import type { ManifestEdit, ScenarioPreview } from '@contract/dto';
import { stringify } from 'yaml';
import { describeAnchor } from '../check/anchors';
import { planWindow, type WindowPlan } from '../check/windows';
import { PREDICTIONS } from '../predict';
import type { StoredScenario } from '../store/scenario-repo';
import { errorMessage } from '../util/errors';
import { checkDeclared, fieldProblemLines, fieldProblems } from './edit-rules';
import { applyEdits } from './edits';
import { loadScenarioText } from './loader';
import { editableFields, outcomeOf } from './preview-outcome';
import { formatProblem } from './scenario-error';
import { variationOfEdits, variationView, variedDocument } from './variations';

export async function previewScenario(stored: StoredScenario, edits: ManifestEdit[]): Promise<ScenarioPreview> {
  const refused = fieldProblems(edits);
  const valid = edits.filter((e) => !refused.some((p) => p.file === e.file && p.path === e.path));
  const base = { params: stored.params, manifests: stored.manifests, windows: [], fieldProblems: refused, fields: editableFields(stored.doc, stored.manifests, stored.manifests) };
  const refusedLines = fieldProblemLines(edits);
  let manifests: Record<string, string>;
  try {
    checkDeclared(stored.doc, edits);
    manifests = applyEdits(stored.manifests, valid);
  } catch (e) {
    return { ...base, problems: [errorMessage(e), ...refusedLines] };
  }
  // The stored document, re-read with the edited manifests: the same checks as on disk (params resolve, …).
  const loaded = await loadScenarioText(`/${stored.id}`, `${stored.id}/scenario.yaml`, stringify(stored.doc), async (name) => {
    const text = manifests[name];
    if (text === undefined) throw new Error('missing');
    return text;
  }, { edited: true });
  if (!loaded.scenario) return { ...base, manifests, problems: [...refusedLines, ...loaded.problems.map(formatProblem)] };
  const params = loaded.scenario.params;
  const windows: ScenarioPreview['windows'] = [];
  const problems: string[] = [...refusedLines];
  // A variation's change is judged by the variation's expectations: the preview shows their windows.
  const variation = variationOfEdits(stored.doc, edits);
  const expectations = variation === undefined ? stored.doc.spec.expectations : variedDocument(stored.doc, variation).spec.expectations;
  for (const e of expectations) {
    const w = 'within' in e ? e.within : 'during' in e ? e.during : undefined;
    if (!w || !('predict' in w)) continue;
    if (!PREDICTIONS[w.predict]) continue;
    try {
      // the checker's own plan, so the preview shows exactly the window the run is judged by
      const p = planWindow(w, params, e.id) as Extract<WindowPlan, { kind: 'predicted' }>;
      windows.push({ expectationId: e.id, prediction: w.predict, anchor: describeAnchor(w.anchor), anchorZh: describeAnchor(w.anchor, 'zh'), lo: p.lo, hi: p.hi, explain: p.explain, explainZh: p.explainZh });
    } catch (err) {
      problems.push(`${e.id}: ${errorMessage(err)}`);
    }
  }
  const fields = editableFields(stored.doc, stored.manifests, manifests);
  const judged = variation === undefined ? {} : variationView(stored.doc, variation, expectations);
  return { params, manifests, windows, problems, fieldProblems: refused, fields, outcome: outcomeOf(stored.doc, manifests, params), ...judged };
}
