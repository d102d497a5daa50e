// SPDX-License-Identifier: Apache-2.0
// Bad input to `podlab print-pod`: every field printPod reads with a wrong type, broken JSON and
// YAML, files that are not files, input too big or too deep. Each is refused in one line naming
// file:line:col, the item and field path and what was expected; exit 1 (2 for a usage error).
import type { BadInputCase } from '../case';

const FILE = '{dir}/pods.json';

/** A pod file run through `podlab print-pod`. */
const pods = (name: string, text: string, error: string, file = 'pods.json'): BadInputCase => ({
  name,
  files: { [file]: text },
  cli: ['print-pod', `{dir}/${file}`, '--now', '2026-03-02T10:00:00Z'],
  expect: { error },
});

/** A one-container pod whose container status holds `status` (JSON, starting on line 3). */
const withStatus = (status: string) => `{"kind": "Pod", "metadata": {"name": "web-1", "creationTimestamp": "2026-03-02T09:00:00Z"},\n "status": {"phase": "Running", "containerStatuses": [\n  {"name": "web", ${status}}\n]}}\n`;
const at = (col: number, path: string, message: string) => `${FILE}:3:${col}: status.containerStatuses[0].${path}: ${message}`;

/** A List of `good` fine pods and then `bad`, the way kubectl writes it (items before kind). */
const listWith = (good: number, bad: string) =>
  `{"apiVersion": "v1", "items": [\n${Array.from({ length: good }, (_, i) => `{"metadata": {"name": "ok-${i}"}},\n`).join('')}${bad}\n], "kind": "List", "metadata": {}}\n`;

export const cases: BadInputCase[] = [
  // the audit's three: wrong types used to print as data or throw a bare TypeError
  pods('restartCount "abc" (printed 0abc)', withStatus('"restartCount": "abc"'), at(35, 'restartCount', 'expected a whole number ≥ 0, got "abc"')),
  pods('restartCount 1e400 (printed Infinity)', withStatus('"restartCount": 1e400'), at(35, 'restartCount', 'expected a whole number ≥ 0, got a number too large to read')),
  pods('a null containerStatus (a bare TypeError)', '{"metadata": {"name": "a"}, "status": {"containerStatuses": [null]}}', `${FILE}:1:62: status.containerStatuses[0]: expected an object, got null`),
  // every other field printPod reads
  pods('a negative restartCount', withStatus('"restartCount": -3'), at(35, 'restartCount', 'expected a whole number ≥ 0, got -3')),
  pods('a fractional restartCount', withStatus('"restartCount": 2.5'), at(35, 'restartCount', 'expected a whole number ≥ 0, got 2.5')),
  pods('restartCount past int32', withStatus('"restartCount": 2147483648'), at(35, 'restartCount', 'expected a whole number ≥ 0, got 2147483648')),
  pods('ready as the string "true"', withStatus('"ready": "true"'), at(28, 'ready', 'expected true or false, got "true"')),
  pods('started as 1', withStatus('"started": 1'), at(30, 'started', 'expected true or false, got 1')),
  pods('a waiting reason that is a number', withStatus('"state": {"waiting": {"reason": 7}}'), at(51, 'state.waiting.reason', 'expected a string, got 7')),
  pods('a container status name that is a number', '{"metadata": {"name": "a"}, "status": {"initContainerStatuses": [{"name": 5}]}}', `${FILE}:1:75: status.initContainerStatuses[0].name: expected a string, got 5`),
  pods('state as a list', withStatus('"state": []'), at(28, 'state', 'expected an object, got a list')),
  pods('state.running as a string', withStatus('"state": {"running": "yes"}'), at(40, 'state.running', 'expected an object, got "yes"')),
  pods('an exitCode of "1"', withStatus('"state": {"terminated": {"exitCode": "1"}}'), at(56, 'state.terminated.exitCode', 'expected a whole number, got "1"')),
  pods('a signal of 9.5', withStatus('"state": {"terminated": {"signal": 9.5}}'), at(54, 'state.terminated.signal', 'expected a whole number, got 9.5')),
  pods('a terminated reason that is an object', withStatus('"state": {"terminated": {"reason": {}}}'), at(54, 'state.terminated.reason', 'expected a string, got an object')),
  pods('a finishedAt that is no time', withStatus('"lastState": {"terminated": {"finishedAt": "yesterday"}}'), at(62, 'lastState.terminated.finishedAt', 'expected an RFC 3339 time like "2026-01-02T03:04:05Z", got "yesterday"')),
  pods('a creationTimestamp that is a number', '{"metadata": {"name": "a", "creationTimestamp": 1767225600}}', `${FILE}:1:49: metadata.creationTimestamp: expected an RFC 3339 time like "2026-01-02T03:04:05Z", got 1767225600`),
  pods('a deletionTimestamp on the 31st of February', '{"metadata": {"name": "a", "deletionTimestamp": "2026-02-31T00:00:00Z"}}', `${FILE}:1:49: metadata.deletionTimestamp: expected an RFC 3339 time like "2026-01-02T03:04:05Z", got "2026-02-31T00:00:00Z"`),
  pods('a phase that is a number', '{"metadata": {"name": "a"}, "status": {"phase": 3}}', `${FILE}:1:49: status.phase: expected a string, got 3`),
  pods('a status reason that is true', '{"metadata": {"name": "a"}, "status": {"reason": true}}', `${FILE}:1:50: status.reason: expected a string, got true`),
  pods('a condition that is a string', '{"metadata": {"name": "a"}, "status": {"conditions": ["Ready"]}}', `${FILE}:1:55: status.conditions[0]: expected an object, got "Ready"`),
  pods('a condition status that is a boolean', '{"metadata": {"name": "a"}, "status": {"conditions": [{"type": "Ready", "status": true}]}}', `${FILE}:1:83: status.conditions[0].status: expected a string, got true`),
  pods('spec.containers as an object', '{"metadata": {"name": "a"}, "spec": {"containers": {"name": "web"}}}', `${FILE}:1:52: spec.containers: expected a list, got an object`),
  pods('an init container restartPolicy of true', '{"metadata": {"name": "a"}, "spec": {"initContainers": [{"name": "i", "restartPolicy": true}]}}', `${FILE}:1:88: spec.initContainers[0].restartPolicy: expected a string, got true`),
  pods('initContainerStatuses as a string', '{"metadata": {"name": "a"}, "status": {"initContainerStatuses": "none"}}', `${FILE}:1:65: status.initContainerStatuses: expected a list, got "none"`),
  // missing and null parts
  pods('a pod without metadata', '{"kind": "Pod", "status": {}}', `${FILE}:1:1: metadata.name: expected a non-empty string, got nothing`),
  pods('a pod whose name is null', '{"metadata": {"name": null}}', `${FILE}:1:23: metadata.name: expected a non-empty string, got null`),
  pods('a pod whose name is empty', '{"metadata": {"name": ""}}', `${FILE}:1:23: metadata.name: expected a non-empty string, got ""`),
  pods('status as a string', '{"metadata": {"name": "a"}, "status": "Running"}', `${FILE}:1:39: status: expected an object, got "Running"`),
  // not a pod at all
  pods('a JSON number', '42\n', `${FILE}:1:1: expected a Pod, a List or an array of Pods, got 42`),
  pods('a Service', '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}}', `${FILE}:1:30: kind: expected "Pod", got "Service"`),
  pods('a ConfigMapList', '{"apiVersion": "v1", "items": [], "kind": "ConfigMapList"}', `${FILE}:1:43: kind: expected "List" or "PodList" (the object has items), got "ConfigMapList"`),
  pods('an array holding a string', '[{"metadata": {"name": "a"}}, "b"]', `${FILE}:1:31: [1]: expected a Pod (an object), got "b"`),
  // Lists with a bad item: named by index, however far in
  pods('a List whose fourth item has a bad restartCount', listWith(3, '{"metadata": {"name": "x"}, "status": {"containerStatuses": [{"restartCount": "abc"}]}}'), `${FILE}:5:79: items[3].status.containerStatuses[0].restartCount: expected a whole number ≥ 0, got "abc"`),
  pods('a List item 2,000 pods in without a name', listWith(2000, '{"metadata": {}}'), `${FILE}:2002:14: items[2000].metadata.name: expected a non-empty string, got nothing`),
  pods('a List whose items is an object', '{"kind": "List", "items": {"metadata": {"name": "a"}}}', `${FILE}:1:27: items: expected a list, got an object`),
  pods('a List with a Service among its items', listWith(1, '{"kind": "Service", "metadata": {"name": "s"}}'), `${FILE}:3:10: items[1].kind: expected "Pod", got "Service"`),
  // broken JSON and YAML, with line and column
  pods('JSON with a doubled comma', '{\n  "kind": "Pod",,\n  "metadata": {"name": "a"}\n}', `${FILE}:2:17: not valid JSON: unexpected ",", expected a "key" in double quotes`),
  pods('JSON cut off in the middle of a List', listWith(2, '{"metadata": {"na').split('\n], "kind"')[0]!, `${FILE}:4:15: not valid JSON: the input ends inside a string`),
  pods('JSON with a trailing comma', '[{"metadata": {"name": "a"}},]', `${FILE}:1:30: not valid JSON: unexpected "]", expected a value`),
  pods('JSON with a single-quoted key', "{'metadata': {}}", `${FILE}:1:2: not valid JSON: unexpected "'", expected a "key" or "}"`),
  pods('JSON with a duplicate key', '{"metadata": {"name": "a"}, "metadata": {"name": "b"}}', `${FILE}:1:29: not valid JSON: duplicate key "metadata"`),
  pods('JSON NaN', '{"metadata": {"name": "a"}, "status": {"containerStatuses": [{"restartCount": NaN}]}}', `${FILE}:1:79: not valid JSON: unexpected "N", expected a value`),
  pods('two JSON documents one after the other', '{"metadata": {"name": "a"}}\n{"metadata": {"name": "b"}}\n', `${FILE}:2:1: not valid JSON: unexpected "{", expected the end of the input (input that starts with { or [ is read as one JSON document)`),
  pods('YAML with a bad indent', 'kind: Pod\nmetadata:\n  name: a\n   labels: {}\n', `{dir}/pods.yaml:3:9: not valid YAML: Nested mappings are not allowed in compact mappings`, 'pods.yaml'),
  pods('YAML with a tab for indentation', 'kind: Pod\nmetadata:\n\tname: a\n', `{dir}/pods.yaml:3:1: not valid YAML: Tabs are not allowed as indentation`, 'pods.yaml'),
  pods('a YAML restartCount of "abc", by line', 'kind: List\nitems:\n- metadata: {name: a}\n  status:\n    containerStatuses:\n    - name: web\n      restartCount: abc\n', `{dir}/pods.yaml:7:21: items[0].status.containerStatuses[0].restartCount: expected a whole number ≥ 0, got "abc"`, 'pods.yaml'),
  pods('a YAML .inf restartCount', 'metadata: {name: a}\nstatus:\n  containerStatuses:\n  - restartCount: .inf\n', `{dir}/pods.yaml:4:19: status.containerStatuses[0].restartCount: expected a whole number ≥ 0, got a number too large to read`, 'pods.yaml'),
  pods('a YAML stream whose second document is bad', 'metadata: {name: a}\n---\nmetadata: {name: b}\nstatus: {phase: [Running]}\n', `{dir}/pods.yaml:4:17: document 2: status.phase: expected a string, got a list`, 'pods.yaml'),
  pods('a YAML alias bomb', `metadata: {name: a}\nx: &a "lol"\ny: [${Array.from({ length: 5000 }, () => '*a').join(', ')}]\n`, `{dir}/pods.yaml:3:5: cannot read this YAML: Excessive alias count indicates a resource exhaustion attack`, 'pods.yaml'),
  // nesting, size, encoding
  pods('JSON nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, `${FILE}:1:101: nested deeper than 100 levels`),
  pods('YAML flow nested 100,000 deep (it killed the yaml library)', `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, `{dir}/pods.yaml:1:104: nested deeper than 100 levels`, 'pods.yaml'),
  // white space inside the pod, so the case itself costs little memory
  pods('one JSON pod of 4 MiB and a bit', `[{"metadata": {"name": "a"}${' '.repeat(4 * 2 ** 20 + 1000)}}]`, `${FILE}:1:2: this item is larger than 4 MiB (a Pod in the API is at most 1.5 MiB)`),
  pods('YAML of 2 MiB and a bit', `kind: Pod\n${'# a comment that goes on\n'.repeat(87_500)}`, `{dir}/pods.yaml: YAML larger than 2 MiB; give it as JSON (kubectl get pods -o json), which print-pod streams`, 'pods.yaml'),
  { name: 'a byte that is not UTF-8', files: { 'pods.json': { bytes: [...Buffer.from('{"metadata": {"name": "caf'), 0xe9, ...Buffer.from('"}}')] } }, cli: ['print-pod', FILE], expect: { error: `${FILE}:1:27: not UTF-8 text (byte 0xe9)` } },
  { name: 'a file of NUL bytes (like /dev/zero)', files: { 'pods.json': { bytes: Array.from({ length: 4096 }, () => 0) } }, cli: ['print-pod', FILE], expect: { error: `${FILE}:1:1: not JSON or YAML text: it starts with the control character U+0000` } },
  { name: 'a binary file (gzip)', files: { 'pods.json': { bytes: [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00] } }, cli: ['print-pod', FILE], expect: { error: `${FILE}:1:1: not JSON or YAML text: it starts with the control character U+001F` } },
  pods('an empty file', '', `${FILE}: empty input, expected a Pod, a List or an array of Pods`),
  pods('a file of white space and YAML comments', '\n\n# nothing\n   \n', `${FILE}: empty input, expected a Pod, a List or an array of Pods`),
  // not a file
  { name: 'a missing file', cli: ['print-pod', '{dir}/nope.json'], expect: { error: '{dir}/nope.json: no such file' } },
  { name: 'a directory', files: { 'pods': { dir: true } }, cli: ['print-pod', '{dir}/pods'], expect: { error: '{dir}/pods: is a directory, expected a file of Pods' } },
  { name: 'a FIFO (would hang a reader)', files: { 'pods.json': { fifo: true } }, cli: ['print-pod', FILE], expect: { error: `${FILE}: not a regular file (a FIFO); give a file, or - to read standard input` } },
  { name: '/dev/zero', cli: ['print-pod', '/dev/zero'], expect: { error: '/dev/zero: not a regular file (a character device); give a file, or - to read standard input' } },
  { name: 'a symlink to nowhere', files: { 'pods.json': { symlink: 'missing.json' } }, cli: ['print-pod', FILE], expect: { error: `${FILE}: no such file` } },
  // standard input and options
  { name: 'standard input with a bad item', cli: ['print-pod', '-'], stdin: '[{"metadata": {"name": "a"}, "status": {"phase": null, "conditions": [{"type": 1}]}}]', expect: { error: '<stdin>:1:80: [0].status.conditions[0].type: expected a string, got 1' } },
  { name: 'empty standard input', cli: ['print-pod', '-'], stdin: '', expect: { error: '<stdin>: empty input, expected a Pod, a List or an array of Pods' } },
  { name: 'a --now that is not a time', files: { 'pods.json': '{"metadata": {"name": "a"}}' }, cli: ['print-pod', FILE, '--now', 'yesterday'], expect: { exit: 2, error: '--now: "yesterday" is not an ISO-8601 time (e.g. 2026-01-02T03:04:05Z)' } },
  { name: 'a --now without a time zone', files: { 'pods.json': '{"metadata": {"name": "a"}}' }, cli: ['print-pod', FILE, '--now', '2026-03-02T10:00:00'], expect: { exit: 2, error: '--now: "2026-03-02T10:00:00" is not an ISO-8601 time (e.g. 2026-01-02T03:04:05Z)' } },
  { name: 'a --now on the 30th of February', files: { 'pods.json': '{"metadata": {"name": "a"}}' }, cli: ['print-pod', FILE, '--now', '2026-02-30T10:00:00Z'], expect: { exit: 2, error: '--now: "2026-02-30T10:00:00Z" is not an ISO-8601 time (e.g. 2026-01-02T03:04:05Z)' } },
];
