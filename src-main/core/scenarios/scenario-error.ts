// SPDX-License-Identifier: Apache-2.0
// One problem in a scenario, located by file, line and field path.

export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** dotted field path inside the document, e.g. spec.steps[2].waitFor.condition */
  path: string;
  message: string;
}

export function formatProblem(p: ScenarioProblem): string {
  const where = p.path ? ` ${p.path}:` : '';
  return `${p.file}:${p.line}:${p.column}:${where} ${p.message}`;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}
