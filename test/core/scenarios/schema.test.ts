// SPDX-License-Identifier: Apache-2.0
// The scenario schema: the base scenario loads; each of many broken variants is refused with file:line and field path.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../../src-main/core/scenarios/loader';
import { formatProblem } from '../../../src-main/core/scenarios/scenario-error';
import { BASE_MANIFEST, BASE_SCENARIO } from './base-scenario';

const DIR = '/scenarios/demo';
const FILE = `${DIR}/scenario.yaml`;

async function load(text: string, manifests: Record<string, string> = { 'web.yaml': BASE_MANIFEST }) {
  return loadScenarioText(DIR, FILE, text, async (name) => {
    const m = manifests[name];
    if (m === undefined) throw new Error('ENOENT');
    return m;
  });
}

/** Replaces one exact snippet (which must occur once) and returns the 1-based line where the new text starts. */
function edit(from: string, to: string): { text: string; line: number } {
  const at = BASE_SCENARIO.indexOf(from);
  if (at < 0 || BASE_SCENARIO.indexOf(from, at + 1) >= 0) throw new Error(`snippet must occur once: ${from}`);
  return { text: BASE_SCENARIO.slice(0, at) + to + BASE_SCENARIO.slice(at + from.length), line: BASE_SCENARIO.slice(0, at).split('\n').length };
}

describe('a valid scenario', () => {
  it('loads, with params resolved from the manifest', async () => {
    const r = await load(BASE_SCENARIO);
    expect(r.problems).toEqual([]);
    expect(r.scenario?.params).toEqual({ period: 5 });
    expect(r.scenario?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses the default when an optional manifest field is absent', async () => {
    const r = await load(BASE_SCENARIO, { 'web.yaml': BASE_MANIFEST.replace('        periodSeconds: 5\n', '') });
    expect(r.scenario?.params).toEqual({ period: 10 });
  });

  it('reads spec.images and spec.requires, quantities as strings or numbers', async () => {
    const text = BASE_SCENARIO.replace(
      '  subject: web\n',
      '  subject: web\n  images: { failedPulls: true, absent: [nginx:1.27.5] }\n  requires:\n    nodeAllocatable: { cpu: 1, memory: 256Mi, pods: "10" }\n',
    );
    const r = await load(text);
    expect(r.problems).toEqual([]);
    expect(r.scenario?.doc.spec.images).toEqual({ failedPulls: true, absent: ['nginx:1.27.5'] });
    expect(r.scenario?.doc.spec.requires).toEqual({ nodeAllocatable: { cpu: '1', memory: '256Mi', pods: '10' } });
  });

  it('hashes manifests too: an edited manifest is other content', async () => {
    const a = await load(BASE_SCENARIO);
    const b = await load(BASE_SCENARIO, { 'web.yaml': BASE_MANIFEST.replace('periodSeconds: 5', 'periodSeconds: 7') });
    expect(a.scenario?.contentHash).not.toEqual(b.scenario?.contentHash);
    expect(b.scenario?.params).toEqual({ period: 7 });
  });
});

// [name, snippet in the base, replacement, expected path (regex), expected message (regex), line of (optional snippet)]
// Without the last column the problem must point into the edited lines; with it, at that snippet's line
// (for problems about a whole step or expectation, which point at its first line).
const INVALID: Array<[string, string, string, RegExp, RegExp, string?]> = [
  ['unknown apiVersion', 'apiVersion: podlab.dev/v1alpha1', 'apiVersion: podlab.dev/v9', /^apiVersion$/, /unknown apiVersion "podlab.dev\/v9"/],
  ['wrong kind', 'kind: Scenario', 'kind: Lesson', /^kind$/, /unknown kind "Lesson"/],
  ['id not a DNS label', '  id: demo', '  id: Demo_1', /metadata\.id/, /lowercase DNS label/],
  ['id differs from folder', '  id: demo', '  id: other', /metadata\.id/, /must equal its folder name/],
  ['unknown top-level field', 'kind: Scenario', 'kind: Scenario\nextra: 1', /^extra$/, /Unrecognized key/],
  ['unknown spec field', '  subject: web', '  subject: web\n  colour: blue', /spec\.colour/, /Unrecognized key/],
  ['title missing zh', '  title: { en: Demo, zh: 演示 }', '  title: { en: Demo }', /spec\.title\.zh/, /expected string/],
  ['empty explanation', '  explanation: { en: Why it happens, zh: 为什么 }', '  explanation: { en: "", zh: 为什么 }', /spec\.explanation\.en/, /too small|>=1/],
  ['unknown note', 'note: 001_9ae14472436263dd.txt', 'note: notes.md', /spec\.source\.note/, /note file name/],
  ['no concepts', '  concepts: [readiness]', '  concepts: []', /spec\.concepts/, /too small|>=1/],
  ['manifest not a yaml name', '  manifests: [web.yaml]', '  manifests: [../web.json]', /spec\.manifests\[0\]/, /Invalid|match/],
  ['manifest file missing', '  manifests: [web.yaml]', '  manifests: [web.yaml, db.yaml]', /spec\.manifests\[1\]/, /db\.yaml not found/],
  ['step with two actions', '      apply: web.yaml', '      apply: web.yaml\n      sleep: 3', /spec\.steps\[0\]/, /exactly one of.*found apply and sleep/, '    - id: create'],
  ['step with no action', '    - sleep: 2', '    - at: 2', /spec\.steps\[2\]/, /exactly one of/],
  ['step applies an unlisted file', '      apply: web.yaml', '      apply: other.yaml', /spec\.steps\[0\]\.apply/, /not listed in spec\.manifests/],
  ['negative sleep', '    - sleep: 2', '    - sleep: -2', /spec\.steps\[2\]\.sleep/, /too small|>0/],
  ['unknown step field', '    - sleep: 2', '    - sleep: 2\n      repeat: 3', /spec\.steps\[2\]\.repeat/, /Unrecognized key/],
  ['duplicate step id', '    - sleep: 2', '    - sleep: 2\n      id: create', /spec\.steps\[2\]\.id/, /used twice/],
  ['predicate of unknown shape', '    - waitFor: { condition: Ready, status: "True" }', '    - waitFor: { happy: true }', /spec\.steps\[1\]\.waitFor/, /a predicate needs one of/],
  ['condition status not True/False/Unknown', '    - waitFor: { condition: Ready, status: "True" }', '    - waitFor: { condition: Ready, status: "yes" }', /spec\.steps\[1\]\.waitFor\.status/, /Invalid option|expected one of/],
  ['bad regex in a predicate', '    - waitFor: { condition: Ready, status: "True" }', '    - waitFor: { container: web, reason: "Crash(" }', /spec\.steps\[1\]\.waitFor\.reason/, /not a valid regular expression/],
  ['column predicate with no value', '    - waitFor: { condition: Ready, status: "True" }', '    - waitFor: { column: status }', /spec\.steps\[1\]\.waitFor/, /exactly one of equals, matches/],
  ['traffic with two targets', '    - sleep: 2', '    - traffic: { name: t, target: { pod: web, service: web, port: 80 } }', /spec\.steps\[2\]\.traffic\.target/, /exactly one of pod, service/],
  ['traffic port out of range', '    - sleep: 2', '    - traffic: { name: t, target: { pod: web, port: 70000 } }', /spec\.steps\[2\]\.traffic\.target\.port/, /too big|<=65535/],
  ['stepDone names no step', '    - sleep: 2', '    - waitFor: { stepDone: nothing }', /spec\.steps\[2\]\.waitFor\.stepDone/, /no step has id "nothing"/],
  ['expectation with two kinds', '      max: 0', '      max: 0\n      final: { phase: Running }', /spec\.expectations\[1\]/, /Unrecognized key/],
  ['expectation with no kind', '      count: { restarts: { container: web } }\n      max: 0', '      max: 0', /spec\.expectations\[1\]/, /an expectation needs one of/, '    - id: no-restarts'],
  ['count with neither min nor max', '      max: 0', '      by: end', /spec\.expectations\[1\]\.count/, /needs min, max or both/, '      count: { restarts: { container: web } }'],
  ['count min above max', '      max: 0', '      max: 0\n      min: 2', /spec\.expectations\[1\]\.min/, /min must not exceed max/],
  ['duplicate expectation id', '    - id: no-restarts', '    - id: ready', /spec\.expectations\[1\]\.id/, /used twice/],
  ['unknown prediction', '        predict: readinessReady', '        predict: readinessSoon', /spec\.expectations\[0\]\.within\.predict/, /unknown prediction "readinessSoon"/],
  ['prediction arg missing', '        args: { initialDelaySeconds: 0, periodSeconds: period, appReadyAfter: 0 }', '        args: { initialDelaySeconds: 0, appReadyAfter: 0 }', /spec\.expectations\[0\]\.within\.args/, /needs arg periodSeconds/],
  ['prediction arg unknown', '        args: { initialDelaySeconds: 0, periodSeconds: period, appReadyAfter: 0 }', '        args: { initialDelaySeconds: 0, periodSeconds: period, appReadyAfter: 0, jitter: 1 }', /args\.jitter/, /takes no arg jitter/],
  ['prediction arg names no param', '        args: { initialDelaySeconds: 0, periodSeconds: period, appReadyAfter: 0 }', '        args: { initialDelaySeconds: 0, periodSeconds: perod, appReadyAfter: 0 }', /args\.periodSeconds/, /no param named "perod"/],
  ['anchor of unknown kind', '        anchor: { containerStarted: { container: web } }', '        anchor: { podBorn: web }', /within\.anchor/, /Invalid input|an anchor needs exactly one/],
  ['anchor step unknown', '        anchor: { containerStarted: { container: web } }', '        anchor: { step: nowhere }', /within\.anchor\.step/, /no step has id "nowhere"/],
  ['param path absent without default', '    period: { file: web.yaml, path: "spec.containers[name=web].readinessProbe.periodSeconds", default: 10 }', '    period: { file: web.yaml, path: "spec.containers[name=web].livenessProbe.periodSeconds" }', /spec\.params\.period\.path/, /has no field/],
  ['param file not a manifest', '    period: { file: web.yaml, path: "spec.containers[name=web].readinessProbe.periodSeconds", default: 10 }', '    period: { file: db.yaml, path: spec.x }', /spec\.params\.period\.file/, /not one of spec\.manifests/],
  ['param regex finds nothing', '    period: { file: web.yaml, path: "spec.containers[name=web].readinessProbe.periodSeconds", default: 10 }', '    period: { file: web.yaml, path: "spec.containers[0].image", match: "sleep (\\\\d+)" }', /spec\.params\.period\.match/, /finds no number/],
  ['param not a number', '    period: { file: web.yaml, path: "spec.containers[name=web].readinessProbe.periodSeconds", default: 10 }', '    period: { file: web.yaml, path: "spec.containers[0].image" }', /spec\.params\.period\.path/, /not a number/],
  ['absent image not a ref', '  subject: web', '  subject: web\n  images: { absent: [Nginx_Latest] }', /spec\.images\.absent\[0\]/, /an image reference/],
  ['absent image no manifest runs', '  subject: web', '  subject: web\n  images:\n    absent: [docker.io/library/nginx:1.27.5, mysql:8.0.16]', /spec\.images\.absent\[1\]/, /mysql:8\.0\.16 is not an image of this lesson's manifests \(they run: docker\.io\/library\/nginx:1\.27\.5\)/],
  ['failedPulls not a boolean', '  subject: web', '  subject: web\n  images: { failedPulls: yes please }', /spec\.images\.failedPulls/, /expected boolean/],
  ['unknown images field', '  subject: web', '  subject: web\n  images: { present: [nginx] }', /spec\.images\.present/, /Unrecognized key/],
  ['quantity does not parse', '  subject: web', '  subject: web\n  requires:\n    nodeAllocatable: { cpu: "1", memory: 256MB }', /spec\.requires\.nodeAllocatable\.memory/, /"256MB" is not a Kubernetes quantity/],
  ['quantity zero', '  subject: web', '  subject: web\n  requires:\n    nodeAllocatable: { cpu: 0 }', /spec\.requires\.nodeAllocatable\.cpu/, /must be more than 0/],
  ['unknown allocatable resource', '  subject: web', '  subject: web\n  requires:\n    nodeAllocatable: { gpu: "1" }', /spec\.requires\.nodeAllocatable\.gpu/, /Unrecognized key/],
  ['timeout too long', '  timeoutSeconds: 120', '  timeoutSeconds: 99999', /spec\.timeoutSeconds/, /too big|<=3600/],
  ['duplicate YAML key', '  subject: web', '  subject: web\n  subject: db', /^$/, /unique/i],
  // The parser notices the unclosed [ on the next line.
  ['YAML syntax error', '  concepts: [readiness]', '  concepts: [readiness', /^$/, /flow|Missing|expected/i, '  subject: web'],
];

describe('an invalid scenario', () => {
  it('has at least 30 distinct broken cases', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(30);
  });

  it.each(INVALID)('%s → refused at its file:line with the field path', async (_name, from, to, path, message, lineOf) => {
    const edited = edit(from, to);
    const text = edited.text;
    const line = lineOf === undefined ? edited.line : text.slice(0, text.indexOf(lineOf)).split('\n').length;
    const lastLine = lineOf === undefined ? line + to.split('\n').length - 1 : line;
    const r = await load(text);
    expect(r.scenario).toBeUndefined();
    const match = r.problems.find((p) => path.test(p.path) && message.test(p.message));
    expect(match, `problems were:\n${r.problems.map(formatProblem).join('\n')}`).toBeDefined();
    expect(match!.file).toBe(FILE);
    // The error points at the edited lines (the snippet may span a few).
    expect(match!.line).toBeGreaterThanOrEqual(line);
    expect(match!.line).toBeLessThanOrEqual(lastLine);
    expect(formatProblem(match!)).toMatch(new RegExp(`^${FILE}:${match!.line}:\\d+:`));
  });
});

describe('manifests', () => {
  it.each([
    ['a namespace set', BASE_MANIFEST.replace('  name: web\n', '  name: web\n  namespace: default\n'), 5, /leave metadata\.namespace out/],
    ['a cluster-scoped kind', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n', 2, /cluster-scoped/],
    ['no name', 'apiVersion: v1\nkind: Pod\nmetadata: {}\n', 3, /metadata\.name is required/],
    ['no kind', 'apiVersion: v1\nmetadata:\n  name: x\n', 1, /kind is required/],
    ['not a mapping', '- a\n- b\n', 1, /must be a Kubernetes object/],
    // An unclosed flow sequence is reported where the input ends.
    ['broken YAML', 'apiVersion: v1\nkind: [Pod\n', 3, /.+/],
  ])('%s is refused at its line in web.yaml', async (_name, manifest, line, message) => {
    const r = await load(BASE_SCENARIO, { 'web.yaml': manifest });
    const match = r.problems.find((p) => message.test(p.message));
    expect(match, r.problems.map(formatProblem).join('\n')).toBeDefined();
    expect(match!.file).toBe(`${DIR}/web.yaml`);
    expect(match!.line).toBe(line);
  });
});
