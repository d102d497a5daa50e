// SPDX-License-Identifier: Apache-2.0
// parsePodsInput: every accepted shape, and every rejection naming source and line.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PodJson } from '../../../src-main/core/observe/pod-json';
import { parsePodsInput } from '../../../src-main/core/observe/pod-input';

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
    const stream = fixturePods.map((pod) => JSON.stringify(pod)).join('\n---\n');
    expect(parsePodsInput(stream, 'all.yaml')).toEqual(fixturePods);
  });
});

describe('parsePodsInput rejects', () => {
  it.each([
    ['empty input', '', /^pods\.yaml: empty input, expected a Pod, a List or an array of Pods$/],
    ['only comments', '# nothing here\n', /^pods\.yaml: empty input/],
    ['broken YAML', 'kind: Pod\nmetadata:\n  name: [a\nspec: {}\n', /^pods\.yaml:\d+: not valid JSON or YAML: /],
    [
      'broken JSON',
      '{\n  "kind": "Pod",\n  "metadata": {"name": "a",, }\n}',
      /^pods\.yaml:3: not valid JSON or YAML: /,
    ],
    [
      'a duplicate key',
      'kind: Pod\nmetadata:\n  name: a\n  name: b\n',
      /^pods\.yaml:4: not valid JSON or YAML: Map keys must be unique/,
    ],
    [
      'a Service among the items',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n',
      /^pods\.yaml:7: item 2 is a Service, not a Pod$/,
    ],
    [
      'a Deployment as the second document',
      `${POD_A}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n`,
      /^pods\.yaml:13: item 2 is a Deployment, not a Pod$/,
    ],
    [
      'a ServiceList',
      'apiVersion: v1\nkind: ServiceList\nitems: []\n',
      /^pods\.yaml:1: document 1 is a ServiceList, not a Pod or a PodList$/,
    ],
    ['a List whose items is a map', 'kind: List\nitems:\n  a: 1\n', /^pods\.yaml:3: the List's items is not a list$/],
    [
      'a bare string',
      '"just text"',
      /^pods\.yaml:1: document 1 is a string \("just text"\), not a Pod, a List or an array of Pods$/,
    ],
    [
      'a number inside an array',
      '[\n  {"metadata": {"name": "a"}},\n  42\n]',
      /^pods\.yaml:3: item 2 is a number \(42\), not a Pod$/,
    ],
    [
      'a Pod without a name',
      'kind: Pod\nmetadata:\n  namespace: default\n',
      /^pods\.yaml:3: item 1 has no metadata\.name$/,
    ],
    ['a Pod without metadata', 'kind: Pod\nspec: {}\n', /^pods\.yaml:1: item 1 has no metadata\.name$/],
    [
      'metadata that is a list',
      'kind: Pod\nmetadata:\n- name\n',
      /^pods\.yaml:3: item 1: metadata is a list, not an object$/,
    ],
    [
      'containerStatuses that is not a list',
      'kind: Pod\nmetadata: {name: a}\nstatus:\n  phase: Running\n  containerStatuses:\n    name: web\n',
      /^pods\.yaml:6: item 1 \(a\): status\.containerStatuses is an object, not a list$/,
    ],
  ])('%s', (_label, text, message) => {
    expect(() => parsePodsInput(text, 'pods.yaml')).toThrow(message);
  });
});
