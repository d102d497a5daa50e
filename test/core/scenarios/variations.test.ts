// SPDX-License-Identifier: Apache-2.0
// A variation declares how the lesson's expectations change: checked when the lesson loads, applied when it runs.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../../src-main/core/scenarios/loader';
import { variationOfEdits, variedDocument, variedExpectations } from '../../../src-main/core/scenarios/variations';
import { BASE_MANIFEST, BASE_SCENARIO } from './base-scenario';

const DIR = '/scenarios/demo';

function withVariation(variation: string, extraSpec = ''): string {
  const text = BASE_SCENARIO.replace('  timeoutSeconds: 120\n', `  timeoutSeconds: 120\n${extraSpec}  variations:\n${variation}`);
  if (text === BASE_SCENARIO) throw new Error('base scenario changed');
  return text;
}

async function load(text: string) {
  return loadScenarioText(DIR, `${DIR}/scenario.yaml`, text, async (name) => {
    if (name !== 'web.yaml') throw new Error('ENOENT');
    return BASE_MANIFEST;
  });
}

const SLOW = `    - id: slow-probe
      title: { en: Slower probe, zh: 更慢的探针 }
      change: { file: web.yaml, path: "spec.containers[name=web].readinessProbe.periodSeconds", value: 30 }
      effect: { en: Ready later, zh: 更晚就绪 }
`;

describe('a variation that declares its expectations', () => {
  const text = withVariation(`${SLOW}      expect:
        replace:
          - id: no-restarts
            explain: { en: One restart at most, zh: 最多重启一次 }
            count: { restarts: { container: web } }
            max: 1
        drop: [ready]
        add:
          - id: ready-late
            explain: { en: Ready after the first period, zh: 第一个周期后就绪 }
            becomes: { condition: Ready, status: "True" }
            within: { from: { anchor: { step: probed } }, to: end }
      steps:
        - apply: web.yaml
        - id: probed
          sleep: 30
      timeoutSeconds: 200
`);

  it('loads, and its run follows its steps, expectations (replaced in place, dropped, added last) and time limit', async () => {
    const r = await load(text);
    expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([]);
    const doc = r.scenario!.doc;
    const varied = variedDocument(doc, 0);
    expect(varied.spec.expectations.map((e) => e.id)).toEqual(['no-restarts', 'ready-late']);
    expect(varied.spec.expectations[0]).toMatchObject({ max: 1 });
    expect(varied.spec.steps).toHaveLength(2);
    expect(varied.spec.timeoutSeconds).toBe(200);
    // the lesson itself is untouched
    expect(doc.spec.expectations.map((e) => e.id)).toEqual(['ready', 'no-restarts']);
  });

  it('is the variation of exactly its own change, whatever the value’s type', async () => {
    const doc = (await load(text)).scenario!.doc;
    const change = { file: 'web.yaml', path: 'spec.containers[name=web].readinessProbe.periodSeconds' };
    expect(variationOfEdits(doc, [{ ...change, value: 30 }])).toBe(0);
    expect(variationOfEdits(doc, [{ ...change, value: '30' }])).toBe(0);
    expect(variationOfEdits(doc, [{ ...change, value: 31 }])).toBeUndefined();
    expect(variationOfEdits(doc, [{ ...change, value: 30 }, { file: 'web.yaml', path: 'spec.containers[name=web].image', value: 'x' }])).toBeUndefined();
    expect(variationOfEdits(doc, [])).toBeUndefined();
  });
});

describe('variedExpectations', () => {
  it('keeps the lesson’s expectations for a variation that declares none', async () => {
    const doc = (await load(withVariation(SLOW))).scenario!.doc;
    expect(variedExpectations(doc.spec.expectations, doc.spec.variations![0]!)).toEqual(doc.spec.expectations);
  });
});

const BROKEN: Array<[string, string, RegExp, RegExp]> = [
  ['replace an expectation the lesson lacks', `${SLOW}      expect:\n        replace:\n          - { id: nope, explain: { en: x, zh: x }, final: { phase: Running } }\n`, /variations\[0\]\.expect\.replace\[0\]\.id/, /no expectation "nope" to replace/],
  ['drop one the lesson lacks', `${SLOW}      expect: { drop: [nope] }\n`, /variations\[0\]\.expect\.drop\[0\]/, /no expectation "nope" to drop/],
  ['add one the lesson has', `${SLOW}      expect:\n        add:\n          - { id: ready, explain: { en: x, zh: x }, final: { phase: Running } }\n`, /variations\[0\]\.expect\.add\[0\]\.id/, /already has an expectation "ready"/],
  ['drop and replace the same', `${SLOW}      expect:\n        drop: [ready]\n        replace:\n          - { id: ready, explain: { en: x, zh: x }, final: { phase: Running } }\n`, /variations\[0\]\.expect\.drop\[0\]/, /also replaced, dropped or added/],
  ['drop them all', `${SLOW}      expect: { drop: [ready, no-restarts] }\n`, /variations\[0\]\.expect\.drop/, /at least one expectation/],
  ['name a step only the lesson has, in a variation with its own steps', `${SLOW}      steps: [{ sleep: 1 }]\n      expect:\n        add:\n          - { id: made, explain: { en: x, zh: x }, final: { stepDone: create } }\n`, /variations\[0\]\.expect\.add\[0\]\.final\.stepDone/, /no step has id "create"/],
  ['apply a manifest the lesson does not list', `${SLOW}      steps: [{ apply: other.yaml }]\n`, /variations\[0\]\.steps\[0\]\.apply/, /other\.yaml is not listed/],
  ['an unknown prediction in an added expectation', `${SLOW}      expect:\n        add:\n          - { id: soon, explain: { en: x, zh: x }, becomes: { phase: Running }, within: { predict: nope, anchor: start, args: {} } }\n`, /variations\[0\]\.expect\.add\[0\]\.within\.predict/, /unknown prediction "nope"/],
  ['two variations with one id', `${SLOW}${SLOW}`, /variations\[1\]\.id/, /variation id "slow-probe" is used twice/],
  ['an unknown field', `${SLOW}      expected: []\n`, /variations\[0\]\.expected/, /Unrecognized key/],
];

describe('a variation that declares its expectations wrongly', () => {
  it.each(BROKEN)('%s: says where and why', async (_name, variation, path, message) => {
    const r = await load(withVariation(variation));
    expect(r.scenario).toBeUndefined();
    expect(r.problems.some((p) => path.test(p.path) && message.test(p.message)), JSON.stringify(r.problems)).toBe(true);
    for (const p of r.problems) expect(p.line).toBeGreaterThan(1);
  });
});

describe('the question', () => {
  it('must be about one of the expectations', async () => {
    const r = await load(withVariation(SLOW, '  question: { text: { en: When?, zh: 何时？ }, about: nope, unit: seconds }\n'));
    expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toContain('spec.question.about: no expectation has id "nope"');
  });
});
