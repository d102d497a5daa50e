// SPDX-License-Identifier: Apache-2.0
// Reads a scenario folder: strict YAML parse, version check, schema, then cross-references.
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { SCENARIO_API_VERSION, type LoadedScenario } from '@contract/scenario';
import { checkImageDeclarations } from './image-checks';
import { checkManifests } from './manifest-check';
import { resolveParams } from './params';
import { checkReferences } from './references';
import { findScenarioDirs, SCENARIO_FILE } from './scenario-dirs';
import type { ScenarioProblem } from './scenario-error';
import { readScenarioFile, ScenarioFileError } from './scenario-files';
import { scenarioSchema } from './schema/scenario';
import { parseYaml, problemAt } from './yaml-source';

// Still exported here: the loader stays where callers find everything about loading lessons.
export { findScenarioDirs, SCENARIO_FILE };

export interface LoadResult {
  scenario?: LoadedScenario;
  problems: ScenarioProblem[];
}

/**
 * `read` is how each of the lesson's files is read; a caller may wrap readScenarioFile to see every
 * byte the verdict was made from (the CLI's list remembers valid lessons by them).
 */
export async function loadScenarioDir(dir: string, read: typeof readScenarioFile = readScenarioFile): Promise<LoadResult> {
  const file = join(dir, SCENARIO_FILE);
  let text: string;
  try {
    text = await read(dir, SCENARIO_FILE);
  } catch (e) {
    const message = e instanceof ScenarioFileError && e.missing ? `no ${SCENARIO_FILE} in ${dir}` : (e as Error).message;
    return { problems: [{ file, line: 1, column: 1, path: '', message }] };
  }
  return loadScenarioText(dir, file, text, (name) => read(dir, name));
}

export interface LoadOptions {
  /** the manifests are a "what if" edit of the lesson's: an edit may swap out an image the lesson
   *  declares absent (pull-never-missing's own variation does), so spec.images is not checked against them */
  edited?: boolean;
}

/** The core of loading, with manifest reads injected so edited ("what if") manifests load the same way. */
export async function loadScenarioText(
  dir: string,
  file: string,
  text: string,
  readManifest: (name: string) => Promise<string>,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const { source, problems } = parseYaml(file, text);
  if (problems.length) return { problems };
  const raw = source.doc.toJS() as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [problemAt(source, [], 'a scenario file must be a mapping')] };
  }
  // Version first (kind's encoding/load.go): a document of another version is not read further.
  if (raw.apiVersion !== SCENARIO_API_VERSION) {
    const msg = `unknown apiVersion ${JSON.stringify(raw.apiVersion)}; this podlab reads ${SCENARIO_API_VERSION}`;
    return { problems: [problemAt(source, ['apiVersion'], msg)] };
  }
  if (raw.kind !== 'Scenario') {
    return { problems: [problemAt(source, ['kind'], `unknown kind ${JSON.stringify(raw.kind)}; expected Scenario`)] };
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const keys = (issue as { keys?: string[] }).keys;
        const path = keys?.length ? [...issue.path, keys[0]!] : issue.path;
        return problemAt(source, path, issue.message);
      }),
    };
  }
  const doc = parsed.data;
  const out: ScenarioProblem[] = [];
  if (basename(dir) !== doc.metadata.id) {
    out.push(problemAt(source, ['metadata', 'id'], `id "${doc.metadata.id}" must equal its folder name "${basename(dir)}"`));
  }
  const manifests: Record<string, string> = {};
  for (const [i, name] of doc.spec.manifests.entries()) {
    try {
      manifests[name] = await readManifest(name);
    } catch (e) {
      const missing = !(e instanceof ScenarioFileError) || e.missing;
      out.push(problemAt(source, ['spec', 'manifests', i], missing ? `manifest file ${name} not found next to ${SCENARIO_FILE}` : `manifest file ${(e as Error).message}`));
    }
  }
  out.push(...checkManifests(dir, manifests));
  out.push(...checkReferences(source, doc));
  if (!options.edited && Object.keys(manifests).length === doc.spec.manifests.length) out.push(...checkImageDeclarations(source, doc, manifests));
  const { params, problems: paramProblems } = resolveParams(source, doc, manifests);
  out.push(...paramProblems);
  if (out.length) return { problems: out };
  return {
    scenario: { id: doc.metadata.id, dir, file, doc, manifests, params, contentHash: hashScenario(text, manifests) },
    problems: [],
  };
}

export function hashScenario(text: string, manifests: Record<string, string>): string {
  const h = createHash('sha256').update(text);
  for (const name of Object.keys(manifests).sort()) h.update(`\0${name}\0${manifests[name]}`);
  return h.digest('hex');
}

export async function loadScenarios(root: string): Promise<{ scenarios: LoadedScenario[]; problems: ScenarioProblem[] }> {
  const scenarios: LoadedScenario[] = [];
  const problems: ScenarioProblem[] = [];
  for (const dir of await findScenarioDirs(root)) {
    const r = await loadScenarioDir(dir);
    if (r.scenario) scenarios.push(r.scenario);
    problems.push(...r.problems);
  }
  return { scenarios, problems };
}

