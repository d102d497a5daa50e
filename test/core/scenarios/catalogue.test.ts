// SPDX-License-Identifier: Apache-2.0
// The catalogue orders the lessons: each in exactly one chapter, each id a lesson of the folder.
import { describe, expect, it } from 'vitest';
import { checkCatalogue, lessonPlaces } from '../../../src-main/core/scenarios/catalogue';

const FILE = '/scenarios/catalogue.yaml';
const text = (chapters: string) => `apiVersion: podlab.dev/v1alpha1\nkind: Catalogue\nchapters:\n${chapters}`;
const START = `  - id: start\n    title: { en: Start, zh: 启动 }\n    lessons: [anatomy, two]\n`;
const PROBES = `  - id: probes\n    title: { en: Probes, zh: 探针 }\n    lessons: [ready]\n`;

describe('a valid catalogue', () => {
  it('gives each lesson its chapter, its position and the next lesson, across chapters', () => {
    const { catalogue, problems } = checkCatalogue(FILE, text(START + PROBES), ['ready', 'two', 'anatomy']);
    expect(problems).toEqual([]);
    const places = lessonPlaces(catalogue);
    expect(places.get('anatomy')).toEqual({ chapter: { id: 'start', title: { en: 'Start', zh: '启动' } }, position: 0, next: 'two' });
    expect(places.get('two')).toMatchObject({ position: 1, next: 'ready' });
    expect(places.get('ready')).toEqual({ chapter: { id: 'probes', title: { en: 'Probes', zh: '探针' } }, position: 2 });
  });

  it('no catalogue, no places', () => {
    expect(lessonPlaces(undefined).size).toBe(0);
  });
});

describe('a broken catalogue says where and why', () => {
  const cases: Array<[string, string, string[], RegExp]> = [
    ['a lesson the folder lacks', START + PROBES.replace('[ready]', '[ready, gone]'), ['anatomy', 'two', 'ready'], /^\/scenarios\/catalogue\.yaml:9:\d+: chapters\[1\]\.lessons\[1\]: no lesson "gone"/],
    ['a lesson twice', START + PROBES.replace('[ready]', '[ready, two]'), ['anatomy', 'two', 'ready'], /chapters\[1\]\.lessons\[1\]: lesson "two" is already in chapter "start"/],
    ['a lesson in no chapter', START, ['anatomy', 'two', 'ready'], /chapters: every lesson needs a place in a chapter; not placed: ready/],
    ['a chapter id twice', START + START.replace('[anatomy, two]', '[ready]'), ['anatomy', 'two', 'ready'], /chapters\[1\]\.id: chapter id "start" is used twice/],
    ['an empty chapter', START + PROBES.replace('[ready]', '[]'), ['anatomy', 'two'], /chapters\[1\]\.lessons: /],
    ['an unknown field', START.replace('    lessons', '    colour: red\n    lessons'), ['anatomy', 'two'], /chapters\[0\]\.colour: Unrecognized key/],
    ['another kind', START, ['anatomy', 'two'], /:2:7: kind: .*Catalogue/],
  ];
  it.each(cases)('%s', (name, chapters, ids, message) => {
    const body = name === 'another kind' ? text(chapters).replace('kind: Catalogue', 'kind: Lessons') : text(chapters);
    const { catalogue, problems } = checkCatalogue(FILE, body, ids);
    expect(catalogue).toBeUndefined();
    const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`);
    expect(lines.some((l) => message.test(l)), lines.join('\n')).toBe(true);
  });
});
