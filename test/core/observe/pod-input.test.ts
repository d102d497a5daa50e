// SPDX-License-Identifier: Apache-2.0
// parsePodsInput and PodInputReader: every accepted shape, streaming in chunks, and every rejection
// naming source:line:col, the field path and what is wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { PodJson } from '../../../src-main/core/observe/pod-json';
import { parsePodsInput, PodInputReader, POD_INPUT_LIMITS } from '../../../src-main/core/observe/pod-input';
import { AppError } from '../../../src-main/core/util/errors';

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/pods/', import.meta.url));
const fixturePods: PodJson[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => (parse(readFileSync(FIXTURE_DIR + file, 'utf8')) as { pod: PodJson }).pod);

const names = (pods: PodJson[]): string[] => pods.map((pod) => pod.metadata?.name ?? '');

const POD_A = `apiVersion: v1
kind: Pod
metadata:
  name: a
  creationTimestamp: "2026-03-02T09:00:00Z"
spec:
  containers:
  - name: web
    image: nginx:1.27
status:
  phase: Running
`;

describe('parsePodsInput accepts', () => {
  it.each([
    ['a single Pod in YAML', POD_A, ['a']],
    ['a single Pod in JSON', JSON.stringify({ kind: 'Pod', metadata: { name: 'a' } }, null, 2), ['a']],
    [
      'a List from kubectl get pods -o json (items without kind)',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }],
      }),
      ['a', 'b'],
    ],
    [
      'a PodList in YAML',
      'apiVersion: v1\nkind: PodList\nmetadata:\n  resourceVersion: "77"\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\n',
      ['a', 'b'],
    ],
    ['an empty List', '{"apiVersion": "v1", "kind": "List", "items": []}', []],
    ['a List with items: null', 'kind: List\nitems: null\n', []],
    [
      'a JSON array of Pods',
      JSON.stringify([
        { kind: 'Pod', metadata: { name: 'a' } },
        { kind: 'Pod', metadata: { name: 'b' } },
      ]),
      ['a', 'b'],
    ],
    ['a YAML sequence of Pods', '- kind: Pod\n  metadata: {name: a}\n- metadata: {name: b}\n', ['a', 'b']],
    [
      'a multi-document YAML stream, empty documents skipped',
      `${POD_A}---\n---\nkind: Pod\nmetadata: {name: b}\n---\n`,
      ['a', 'b'],
    ],
    [
      'a stream mixing a Pod and a List',
      `${POD_A}---\nkind: List\nitems:\n- metadata: {name: b}\n- metadata: {name: c}\n`,
      ['a', 'b', 'c'],
    ],
    ['JSON indented with tabs', '{\n\t"kind": "Pod",\n\t"metadata": {"name": "a"}\n}', ['a']],
  ])('%s', (_label, text, want) => {
    expect(names(parsePodsInput(text, 'pods.yaml'))).toEqual(want);
  });

  it('keeps timestamps as the strings the API sent', () => {
    const [pod] = parsePodsInput(POD_A, 'pods.yaml');
    expect(pod?.metadata?.creationTimestamp).toBe('2026-03-02T09:00:00Z');
  });

  it('reads back every fixture pod, as JSON and as YAML, in one List', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: fixturePods };
    expect(parsePodsInput(JSON.stringify(list), 'all.json')).toEqual(fixturePods);
    const stream = fixturePods.map((pod) => stringify(pod)).join('---\n');
    expect(parsePodsInput(stream, 'all.yaml')).toEqual(fixturePods);
  });

  it.each([1, 7, 64, 4096])('reads JSON fed in chunks of %i characters like the whole of it', (size) => {
    const text = JSON.stringify({ apiVersion: 'v1', items: fixturePods, kind: 'List' }, null, 2);
    const pods: PodJson[] = [];
    const reader = new PodInputReader('all.json', (pod) => pods.push(pod));
    for (let i = 0; i < text.length; i += size) reader.feed(text.slice(i, i + size));
    reader.end();
    expect(pods).toEqual(fixturePods);
  });

  it('hands each item of a JSON List over before the List ends', () => {
    const seen: string[] = [];
    const reader = new PodInputReader('l.json', (pod) => seen.push(pod.metadata!.name!));
    reader.feed('{"apiVersion": "v1", "items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}');
    expect(seen).toEqual(['a', 'b']);
    reader.feed('], "kind": "List"}');
    reader.end();
    expect(seen).toEqual(['a', 'b']);
  });

  it('decodes UTF-8 split across chunks and skips a byte order mark', () => {
    const bytes = Buffer.from('\ufeff{"metadata": {"name": "a"}, "status": {"reason": "über"}}');
    const pods: PodJson[] = [];
    const reader = new PodInputReader('p.json', (pod) => pods.push(pod));
    for (let i = 0; i < bytes.length; i++) reader.feed(bytes.subarray(i, i + 1));
    reader.end();
    expect(pods[0]?.status?.reason).toBe('über');
  });

  it('decodes JSON escapes, numbers and literals as JSON.parse does', () => {
    const pod = { metadata: { name: 'a\u00e9\ud83d\ude00\n\t"\\/' }, spec: { nodeName: null }, status: { containerStatuses: [{ restartCount: 3, ready: false, started: true, state: { terminated: { exitCode: -1e0, signal: 9 } } }] } };
    const text = JSON.stringify(pod).replace('-1', '-1e0');
    expect(parsePodsInput(text, 'p.json')).toEqual([JSON.parse(text)]);
  });
});

const RUNNING = (status: string) => `{"metadata": {"name": "a"},\n "status": {"phase": "Running", "containerStatuses": [\n  {"name": "web", ${status}}\n]}}`;

describe('parsePodsInput rejects', () => {
  it.each([
    ['empty input', '', 'pods.yaml: empty input, expected a Pod, a List or an array of Pods'],
    ['only comments', '# nothing here\n', 'pods.yaml: empty input, expected a Pod, a List or an array of Pods'],
    ['only white space', ' \n\t\n', 'pods.yaml: empty input, expected a Pod, a List or an array of Pods'],
    ['broken YAML', 'kind: Pod\nmetadata:\n  name: [a\nspec: {}\n', 'pods.yaml:4:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['broken JSON', '{\n  "kind": "Pod",\n  "metadata": {"name": "a",, }\n}', 'pods.yaml:3:28: not valid JSON: unexpected ",", expected a "key" in double quotes'],
    ['JSON cut short', '{"metadata": {"name": "a"', 'pods.yaml:1:26: not valid JSON: unexpected end of input, expected "," or "}"'],
    ['a string cut short', '{"metadata": {"name": "a', 'pods.yaml:1:23: not valid JSON: the input ends inside a string'],
    ['JSON with a trailing document', '{"metadata": {"name": "a"}}\n---\n{}', 'pods.yaml:2:1: not valid JSON: unexpected "-", expected the end of the input (input that starts with { or [ is read as one JSON document)'],
    ['a bad number', '{"metadata": {"name": "a"}, "x": 01}', 'pods.yaml:1:34: not valid JSON: "01" is not a JSON number'],
    ['a bad literal', '[tru]', 'pods.yaml:1:2: not valid JSON: "tru" is not a JSON value (true, false, null, a number, a "string", an object or a list)'],
    ['a bad escape', '{"a\\x": 1}', 'pods.yaml:1:4: not valid JSON: "\\x" is not a JSON escape'],
    ['a raw control character', '{"a\tb": 1}', 'pods.yaml:1:4: not valid JSON: a control character (U+0009) inside a string; write it as an escape'],
    ['a duplicate JSON key', '{"metadata": {"name": "a", "name": "b"}}', 'pods.yaml:1:28: not valid JSON: duplicate key "name"'],
    ['a duplicate YAML key', 'kind: Pod\nmetadata:\n  name: a\n  name: b\n', 'pods.yaml:4:3: not valid YAML: Map keys must be unique'],
    ['a Service among the items', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n', 'pods.yaml:8:9: items[1].kind: expected "Pod", got "Service"'],
    ['a Deployment as the second document', `${POD_A}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n`, 'pods.yaml:14:7: document 2: kind: expected "Pod", got "Deployment"'],
    ['a ServiceList', 'apiVersion: v1\nkind: ServiceList\nitems: []\n', 'pods.yaml:2:7: kind: expected "List" or "PodList" (the object has items), got "ServiceList"'],
    ['a ServiceList without items', 'kind: ServiceList\n', 'pods.yaml:1:7: kind: expected "Pod", "List" or "PodList", got "ServiceList"'],
    ['items without a kind (JSON, kind checked at the end)', '{"items": [], "metadata": {}}', 'pods.yaml:1:1: kind: expected "List" or "PodList" (the object has items), got nothing'],
    ['a List whose items is a map', 'kind: List\nitems:\n  a: 1\n', 'pods.yaml:3:3: items: expected a list, got an object'],
    ['a bare string', '"just text"', 'pods.yaml:1:1: expected a Pod, a List or an array of Pods, got "just text"'],
    ['a number inside an array', '[\n  {"metadata": {"name": "a"}},\n  42\n]', 'pods.yaml:3:3: [1]: expected a Pod (an object), got 42'],
    ['a Pod without a name', 'kind: Pod\nmetadata:\n  namespace: default\n', 'pods.yaml:3:3: metadata.name: expected a non-empty string, got nothing'],
    ['a Pod without metadata', 'kind: Pod\nspec: {}\n', 'pods.yaml:1:1: metadata.name: expected a non-empty string, got nothing'],
    ['metadata that is a list', 'kind: Pod\nmetadata:\n- name\n', 'pods.yaml:3:1: metadata: expected an object, got a list'],
    ['containerStatuses that is not a list', 'kind: Pod\nmetadata: {name: a}\nstatus:\n  phase: Running\n  containerStatuses:\n    name: web\n', 'pods.yaml:6:5: status.containerStatuses: expected a list, got an object'],
    ['a restartCount that is a string', RUNNING('"restartCount": "abc"'), 'pods.yaml:3:35: status.containerStatuses[0].restartCount: expected a whole number ≥ 0, got "abc"'],
    ['a restartCount too large for a number', RUNNING('"restartCount": 1e400'), 'pods.yaml:3:35: status.containerStatuses[0].restartCount: expected a whole number ≥ 0, got a number too large to read'],
    ['a negative restartCount', RUNNING('"restartCount": -1'), 'pods.yaml:3:35: status.containerStatuses[0].restartCount: expected a whole number ≥ 0, got -1'],
    ['a fractional exitCode', RUNNING('"state": {"terminated": {"exitCode": 1.5}}'), 'pods.yaml:3:56: status.containerStatuses[0].state.terminated.exitCode: expected a whole number, got 1.5'],
    ['ready as a string', RUNNING('"ready": "true"'), 'pods.yaml:3:28: status.containerStatuses[0].ready: expected true or false, got "true"'],
    ['a finishedAt that is no time', RUNNING('"lastState": {"terminated": {"finishedAt": "yesterday"}}'), 'pods.yaml:3:62: status.containerStatuses[0].lastState.terminated.finishedAt: expected an RFC 3339 time like "2026-01-02T03:04:05Z", got "yesterday"'],
    ['a null containerStatus', '{"metadata": {"name": "a"}, "status": {"containerStatuses": [null]}}', 'pods.yaml:1:62: status.containerStatuses[0]: expected an object, got null'],
    ['a bad item deep in a List, by index', `{"items": [${'{"metadata": {"name": "ok"}},'.repeat(3)}\n{"metadata": {"name": "x"}, "status": {"containerStatuses": [{"restartCount": "abc"}]}}], "kind": "List"}`, 'pods.yaml:2:79: items[3].status.containerStatuses[0].restartCount: expected a whole number ≥ 0, got "abc"'],
    ['a YAML field by index and line', 'kind: List\nitems:\n- metadata: {name: a}\n  status:\n    initContainerStatuses:\n    - restartCount: 1.5\n', 'pods.yaml:6:21: items[0].status.initContainerStatuses[0].restartCount: expected a whole number ≥ 0, got 1.5'],
    ['a YAML alias bomb', `x: &a "lol"\ny: [${Array.from({ length: 200 }, () => '*a').join(', ')}]\n`, 'pods.yaml:2:5: cannot read this YAML: Excessive alias count indicates a resource exhaustion attack'],
  ])('%s', (_label, text, message) => {
    expect(() => parsePodsInput(text, 'pods.yaml')).toThrow(new AppError('POD_INPUT_INVALID', message));
    expect(() => parsePodsInput(text, 'pods.yaml')).toThrow(message);
  });

  it.each([
    ['a JSON pod over the size limit', `[{"metadata": {"name": "${'a'.repeat(2000)}"}}]`, { maxPodChars: 1000 }, 'p:1:2: this item is larger than 1,000 characters (a Pod in the API is at most 1.5 MiB)'],
    ['JSON over the size limit around a List\'s items', `{"items": [], "metadata": {}${' '.repeat(2000)}, "kind": "List"}`, { maxPodChars: 1000 }, "p:1:1: larger than 1,000 characters outside a list's items (a Pod in the API is at most 1.5 MiB)"],
    ['JSON nested too deep', `${'['.repeat(20)}${']'.repeat(20)}`, { maxDepth: 10 }, 'p:1:11: nested deeper than 10 levels'],
    ['YAML flow nested too deep', `x: ${'['.repeat(20)}${']'.repeat(20)}\n`, { maxDepth: 10 }, 'p:1:14: nested deeper than 10 levels'],
    ['YAML block nested too deep', Array.from({ length: 12 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n', { maxDepth: 10 }, 'p:11:11: nested deeper than 10 levels'],
    ['too many items', '[{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}, {"metadata": {"name": "c"}}]', { maxPods: 2 }, 'p:1:60: more than 2 items'],
    ['YAML over its limit', `kind: Pod\n${'#'.repeat(3 * 2 ** 20)}\n`, {}, 'p: YAML larger than 2 MiB; give it as JSON (kubectl get pods -o json), which print-pod streams'],
    ['input over its limit', '[   ]', { maxInputBytes: 4 }, 'p: larger than 4 bytes, more than print-pod reads'],
  ])('%s', (_label, text, limits, message) => {
    expect(() => parsePodsInput(text, 'p', { ...POD_INPUT_LIMITS, ...limits })).toThrow(message);
  });

  it('names the line and column of a byte that is not UTF-8', () => {
    const reader = new PodInputReader('p.json', () => {});
    reader.feed(Buffer.from('{"metadata":\n  {"name": "a'));
    expect(() => reader.feed(Buffer.from([0x62, 0xff, 0x63]))).toThrow('p.json:2:15: not UTF-8 text (byte 0xff)');
  });

  it('refuses a file that ends inside a UTF-8 character', () => {
    const reader = new PodInputReader('p.json', () => {});
    reader.feed(Buffer.from([0x5b, 0xe2, 0x82]));
    expect(() => reader.end()).toThrow('p.json:1:2: the input ends inside a UTF-8 character');
  });
});
