// SPDX-License-Identifier: Apache-2.0
// `podlab scenarios validate`: every lesson loaded and checked in full, never from a cache.
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { findScenarioDirs, formatProblem, loadCatalogue, loadScenarioDir, SCENARIO_FILE, type ScenarioProblem } from '../../core';
import type { CliIo } from '../io';

/** Accepts scenario folders, scenario.yaml files, or a folder of scenario folders. */
export async function scenariosValidate(io: CliIo, paths: string[], root: string): Promise<number> {
  const dirs: string[] = [];
  const problems: ScenarioProblem[] = [];
  const catalogues: ScenarioProblem[] = [];
  for (const p of paths.length ? paths : [root]) {
    const abs = resolve(p);
    const st = await stat(abs).catch(() => undefined);
    if (!st) {
      problems.push({ file: p, line: 1, column: 1, path: '', message: 'no such file or folder' });
    } else if (st.isFile()) {
      if (basename(abs) !== SCENARIO_FILE) problems.push({ file: p, line: 1, column: 1, path: '', message: `a scenario file is named ${SCENARIO_FILE}` });
      else dirs.push(dirname(abs));
    } else if (await stat(resolve(abs, SCENARIO_FILE)).then(() => true, () => false)) {
      dirs.push(abs);
    } else {
      const found = await findScenarioDirs(abs);
      if (!found.length) problems.push({ file: p, line: 1, column: 1, path: '', message: `no scenario folders (with ${SCENARIO_FILE}) in ${p}` });
      dirs.push(...found);
      // A folder of lessons may order them: its catalogue must place each exactly once.
      catalogues.push(...(await loadCatalogue(abs, found.map((d) => basename(d)))).problems);
    }
  }
  for (const dir of dirs) problems.push(...(await loadScenarioDir(dir)).problems);
  problems.push(...catalogues);
  for (const p of problems) io.err(formatProblem(p));
  io.out(problems.length ? `${problems.length} problem(s) in ${dirs.length} scenario(s)` : `${dirs.length} scenario(s) valid`);
  return problems.length ? 1 : 0;
}
