// SPDX-License-Identifier: Apache-2.0
// `podlab scenarios list`: valid lessons remembered from the last list (scenario-list-cache.ts), so
// this command loads the YAML parser and the schemas only for lessons that changed.
import { formatProblem } from '../../core';
import { BUILD_ID } from '../build-id';
import type { CliIo } from '../io';
import { table } from '../io';
import { listScenarios } from '../scenario-list-cache';

export async function scenariosList(io: CliIo, root: string, json: boolean, cacheFile?: string): Promise<number> {
  const { listed, problems } = await listScenarios(root, { ...(cacheFile ? { cacheFile } : {}), ...(BUILD_ID ? { buildId: BUILD_ID } : {}) });
  for (const p of problems) io.err(formatProblem(p));
  if (json) io.out(JSON.stringify(listed, null, 2));
  else for (const l of table(['ID', 'SOURCE', 'TITLE'], listed.map((i) => [i.id, `${i.source.note} §${i.source.section}`, `${i.title.en} / ${i.title.zh}`]))) io.out(l);
  return problems.length ? 1 : 0;
}
