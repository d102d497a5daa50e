// SPDX-License-Identifier: Apache-2.0
// The order of the lessons: `catalogue.yaml` in the scenarios folder, chapters of lessons in the order
// a newcomer takes them. Each lesson's next one is the one after it. Data, checked like a lesson:
// every lesson in exactly one chapter, every id a lesson of the folder.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCENARIO_API_VERSION, type I18nText } from '@contract/scenario';
import { z } from 'zod';
import type { ScenarioProblem } from './scenario-error';
import { dnsName, i18n } from './schema/keyed';
import { parseYaml, problemAt } from './yaml-source';

export const CATALOGUE_FILE = 'catalogue.yaml';

export interface Chapter {
  id: string;
  title: I18nText;
  summary?: I18nText;
  lessons: string[];
}

export interface Catalogue {
  chapters: Chapter[];
}

/** Where a lesson stands in the catalogue. */
export interface LessonPlace {
  chapter: { id: string; title: I18nText };
  /** 0 for the first lesson a newcomer takes */
  position: number;
  next?: string;
}

const catalogueSchema = z.strictObject({
  apiVersion: z.literal(SCENARIO_API_VERSION),
  kind: z.literal('Catalogue'),
  chapters: z.array(z.strictObject({ id: dnsName, title: i18n, summary: i18n.optional(), lessons: z.array(dnsName).min(1) })).min(1),
});

/**
 * Reads `catalogue.yaml` from the scenarios folder and checks it against the folder's lessons. A
 * folder without one has no order: its lessons are listed by id.
 */
export async function loadCatalogue(root: string, lessonIds: readonly string[]): Promise<{ catalogue?: Catalogue; problems: ScenarioProblem[] }> {
  const file = join(root, CATALOGUE_FILE);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (text === undefined) return { problems: [] };
  return checkCatalogue(file, text, lessonIds);
}

export function checkCatalogue(file: string, text: string, lessonIds: readonly string[]): { catalogue?: Catalogue; problems: ScenarioProblem[] } {
  const { source, problems } = parseYaml(file, text);
  if (problems.length) return { problems };
  const parsed = catalogueSchema.safeParse(source.doc.toJS());
  if (!parsed.success) {
    // an unknown key is named in the path, as a lesson's are
    return { problems: parsed.error.issues.map((i) => problemAt(source, [...i.path, ...((i as { keys?: string[] }).keys?.slice(0, 1) ?? [])], i.message)) };
  }
  const out: ScenarioProblem[] = [];
  const known = new Set(lessonIds);
  const placed = new Map<string, string>();
  const chapterIds = new Set<string>();
  parsed.data.chapters.forEach((c, ci) => {
    if (chapterIds.has(c.id)) out.push(problemAt(source, ['chapters', ci, 'id'], `chapter id "${c.id}" is used twice`));
    chapterIds.add(c.id);
    c.lessons.forEach((id, li) => {
      const at = ['chapters', ci, 'lessons', li];
      if (!known.has(id)) out.push(problemAt(source, at, `no lesson "${id}" in the scenarios folder`));
      else if (placed.has(id)) out.push(problemAt(source, at, `lesson "${id}" is already in chapter "${placed.get(id)}"`));
      else placed.set(id, c.id);
    });
  });
  const unplaced = lessonIds.filter((id) => !placed.has(id)).sort();
  if (unplaced.length) out.push(problemAt(source, ['chapters'], `every lesson needs a place in a chapter; not placed: ${unplaced.join(', ')}`));
  if (out.length) return { problems: out };
  const { chapters } = parsed.data;
  return { catalogue: { chapters: chapters.map((c) => ({ id: c.id, title: c.title, ...(c.summary ? { summary: c.summary } : {}), lessons: c.lessons })) }, problems: [] };
}

/** Each lesson's chapter, position and next lesson, in catalogue order. */
export function lessonPlaces(catalogue: Catalogue | undefined): Map<string, LessonPlace> {
  const places = new Map<string, LessonPlace>();
  const order = (catalogue?.chapters ?? []).flatMap((c) => c.lessons.map((id) => ({ id, chapter: { id: c.id, title: c.title } })));
  order.forEach(({ id, chapter }, i) => places.set(id, { chapter, position: i, ...(order[i + 1] ? { next: order[i + 1]!.id } : {}) }));
  return places;
}
