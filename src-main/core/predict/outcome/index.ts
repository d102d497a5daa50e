// SPDX-License-Identifier: Apache-2.0
// The pod outcome predictor: from the (edited) manifests and the lesson's params, what happens to
// each container that has probes, in words and as moments the timeline can draw.
import type { ContainerOutcome, PodOutcome } from '@contract/outcome';
import type { I18nText } from '@contract/scenario';
import { appModel, type AppParam } from './app-model';
import { containerOutcome } from './container-outcome';
import { podSpecsOf } from './pod-spec';

export type { AppParam } from './app-model';

/** `objects` are each manifest file's parsed documents. Containers without probes are left out. */
export function predictOutcome(objects: Record<string, unknown[]>, params: AppParam[], horizon: number): PodOutcome {
  const containers: ContainerOutcome[] = [];
  const assumptions: I18nText[] = [];
  for (const [file, docs] of Object.entries(objects)) {
    for (const pod of podSpecsOf(file, docs)) {
      for (const c of pod.containers) {
        if (!Object.keys(c.probes).length) continue;
        const app = appModel(file, c, params);
        assumptions.push(...app.assumptions);
        containers.push(containerOutcome(pod, c, app, horizon));
      }
    }
  }
  const join = (lang: keyof I18nText) => containers.map((c) => (containers.length > 1 ? `${c.pod}/${c.sentence[lang]}` : c.sentence[lang])).join(' ');
  return { sentence: { en: join('en'), zh: join('zh') }, containers, assumptions, horizon };
}
