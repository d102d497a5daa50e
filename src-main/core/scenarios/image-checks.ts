// SPDX-License-Identifier: Apache-2.0
// spec.images against the manifests: an image declared absent must be one the lesson runs.
import type { ScenarioDocument } from '@contract/scenario';
import { normalizeImageRef } from '../cluster/image-ref';
import { imagesInManifests } from './images';
import type { ScenarioProblem } from './scenario-error';
import { problemAt, type YamlSource } from './yaml-source';

export function checkImageDeclarations(source: YamlSource, doc: ScenarioDocument, manifests: Record<string, string>): ScenarioProblem[] {
  const named = imagesInManifests(Object.values(manifests));
  const problems: ScenarioProblem[] = [];
  (doc.spec.images?.absent ?? []).forEach((ref, i) => {
    if (named.includes(normalizeImageRef(ref))) return;
    const names = named.length ? named.join(', ') : 'none';
    problems.push(problemAt(source, ['spec', 'images', 'absent', i], `${ref} is not an image of this lesson's manifests (they run: ${names})`));
  });
  return problems;
}
