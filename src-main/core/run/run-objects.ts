// SPDX-License-Identifier: Apache-2.0
// The run's objects by manifest file. Checked again here, not only when the lesson was loaded:
// nothing reaches the cluster that the loader would refuse (an edited manifest included).
import type { ScenarioContent } from '@contract/scenario';
import type { SourcedObject } from '../kube/apply';
import { parseManifest } from '../scenarios/manifest-check';
import { formatProblem } from '../scenarios/scenario-error';
import { AppError } from '../util/errors';

export function runObjects(scenario: Pick<ScenarioContent, 'id' | 'manifests'>, podSecurity: boolean): Record<string, SourcedObject[]> {
  const objects: Record<string, SourcedObject[]> = {};
  const problems: string[] = [];
  for (const [file, text] of Object.entries(scenario.manifests)) {
    const parsed = parseManifest(file, text, { podSecurity });
    problems.push(...parsed.problems.map(formatProblem));
    objects[file] = parsed.objects.map((object) => ({ file, object }));
  }
  if (problems.length) throw new AppError('RUN_REFUSED', `podlab refused to run ${scenario.id} (nothing was sent to the cluster):\n${problems.join('\n')}`, { details: problems });
  return objects;
}
