// SPDX-License-Identifier: Apache-2.0
// Bad lesson folders through `podlab scenarios validate`: each refused with its file:line and why.
import { onePodScenario } from '../../fixtures/one-pod-lesson';
import type { BadInputCase, CaseFile } from '../case';

/** A small valid lesson, "s", that each case spoils in one way. */
const SCENARIO = onePodScenario('s');
const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';
const CONTAINERS = '  containers:\n    - name: c\n      image: docker.io/library/busybox:1.36\n      command: [sleep, "60"]\n';
const POD = `${POD_HEAD}${CONTAINERS}`;

const lesson = (files: Record<string, CaseFile> = {}): Record<string, CaseFile> => ({ 's/scenario.yaml': SCENARIO, 's/pod.yaml': POD, ...files });
const validate = (name: string, files: Record<string, CaseFile>, problems: string[]): BadInputCase => ({
  name,
  files,
  cli: ['scenarios', 'validate', '{dir}/s'],
  expect: { error: problems.join('\n'), exit: problems.length ? 1 : 0 },
});
const S = '{dir}/s/scenario.yaml';
const M = '{dir}/s/pod.yaml';
const withPodSpec = (spec: string) => lesson({ 's/pod.yaml': `${POD_HEAD}${spec}${CONTAINERS}` });
const withContainer = (extra: string) => lesson({ 's/pod.yaml': `${POD}${extra}` });

const deepBrackets = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const manyItems = `list:\n${'  - a\n'.repeat(30_000)}`;
const manyKeys = Array.from({ length: 25_000 }, (_, i) => `k${i}: v`).join('\n');
const deepIndent = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n');
const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
const BASELINE = '(Pod Security baseline)';

export const cases: BadInputCase[] = [
  // the folder and its files
  { name: 'a path that does not exist', cli: ['scenarios', 'validate', '{dir}/nope'], expect: { error: '{dir}/nope:1:1: no such file or folder' } },
  { name: 'a file not named scenario.yaml', files: { 'x.yaml': 'a: 1\n' }, cli: ['scenarios', 'validate', '{dir}/x.yaml'], expect: { error: '{dir}/x.yaml:1:1: a scenario file is named scenario.yaml' } },
  { name: 'a folder with no lessons', files: { 'empty/': { dir: true } }, cli: ['scenarios', 'validate', '{dir}/empty'], expect: { error: '{dir}/empty:1:1: no scenario folders (with scenario.yaml) in {dir}/empty' } },
  validate('scenario.yaml is a FIFO (no hang)', { 's/scenario.yaml': { fifo: true } }, [`${S}:1:1: scenario.yaml is not a regular file (a FIFO)`]),
  validate('scenario.yaml is a folder', { 's/scenario.yaml': { dir: true } }, [`${S}:1:1: scenario.yaml is not a regular file (a folder)`]),
  validate('scenario.yaml links to /etc/passwd', { 's/scenario.yaml': { symlink: '/etc/passwd' } }, [`${S}:1:1: scenario.yaml is a link to /etc/passwd, outside the lesson's folder`]),
  validate('a manifest links to /etc/passwd', lesson({ 's/pod.yaml': { symlink: '/etc/passwd' } }), [`${S}:12:15: spec.manifests[0]: manifest file pod.yaml is a link to /etc/passwd, outside the lesson's folder`]),
  validate('a manifest links to /dev/zero', lesson({ 's/pod.yaml': { symlink: '/dev/zero' } }), [`${S}:12:15: spec.manifests[0]: manifest file pod.yaml is a link to /dev/zero, outside the lesson's folder`]),
  validate('a manifest is a FIFO (no hang)', lesson({ 's/pod.yaml': { fifo: true } }), [`${S}:12:15: spec.manifests[0]: manifest file pod.yaml is not a regular file (a FIFO)`]),
  validate('a manifest that is not there', lesson({ 's/scenario.yaml': SCENARIO.replace('[pod.yaml]', '[pod.yaml, other.yaml]') }), [`${S}:12:25: spec.manifests[1]: manifest file other.yaml not found next to scenario.yaml`]),
  validate('a link inside the folder is read', lesson({ 's/real.yaml': POD, 's/pod.yaml': { symlink: 'real.yaml' } }), []),
  validate('scenario.yaml over 256 KiB', lesson({ 's/scenario.yaml': `${SCENARIO}#${'x'.repeat(300_000)}\n` }), [`${S}:1:1: scenario.yaml is ${Buffer.byteLength(SCENARIO) + 300_002} bytes; podlab reads lesson files of at most 262144 bytes (256 KiB)`]),
  validate('a manifest over 256 KiB', lesson({ 's/pod.yaml': `${POD}#${'x'.repeat(300_000)}\n` }), [`${S}:12:15: spec.manifests[0]: manifest file pod.yaml is ${POD.length + 300_002} bytes; podlab reads lesson files of at most 262144 bytes (256 KiB)`]),
  validate('bytes that are not UTF-8', lesson({ 's/scenario.yaml': { bytes: [...Buffer.from('apiVersion: p'), 0xff, 0xfe, 0x0a] } }), [`${S}:1:1: scenario.yaml is not UTF-8 text (an invalid byte at offset 13)`]),
  // YAML that would hang or blow up the parser
  validate('an alias bomb', lesson({ 's/scenario.yaml': bomb }), [`${S}:2:8: cannot read this YAML: Excessive alias count indicates a resource exhaustion attack`]),
  validate('100,000 nested brackets', lesson({ 's/scenario.yaml': deepBrackets }), [`${S}:1:65: brackets nest deeper than 64 levels`]),
  validate('30,000 list items', lesson({ 's/scenario.yaml': manyItems }), [`${S}:20001:3: the file holds more than 20000 YAML nodes`]),
  validate('25,000 keys in one mapping (the library compares each with each)', lesson({ 's/scenario.yaml': manyKeys }), [`${S}:20001:7: the file holds more than 20000 YAML nodes`]),
  validate('300 levels of indentation', lesson({ 's/scenario.yaml': deepIndent }), [`${S}:258:257: a line is indented more than 256 spaces; podlab reads YAML nested no deeper than that`]),
  validate('a duplicated key', lesson({ 's/scenario.yaml': SCENARIO.replace('  subject: p\n', '  subject: p\n  subject: q\n') }), [`${S}:12:3: Map keys must be unique`]),
  // the parser goes on to report what the tab broke after it; the first line is the cause
  { name: 'a tab for indentation', files: lesson({ 's/scenario.yaml': SCENARIO.replace('  subject: p', '\tsubject: p') }), cli: ['scenarios', 'validate', '{dir}/s'], expect: { error: /^\{dir\}\/s\/scenario\.yaml:11:1: Tabs are not allowed as indentation\n/ } },
  validate('a manifest with a duplicated key', lesson({ 's/pod.yaml': POD.replace('  name: p\n', '  name: p\n  name: q\n') }), [`${M}:5:3: Map keys must be unique`]),
  // the scenario document
  validate('another apiVersion', lesson({ 's/scenario.yaml': SCENARIO.replace('podlab.dev/v1alpha1', 'podlab.dev/v9') }), [`${S}:1:13: apiVersion: unknown apiVersion "podlab.dev/v9"; this podlab reads podlab.dev/v1alpha1`]),
  validate('another kind', lesson({ 's/scenario.yaml': SCENARIO.replace('kind: Scenario', 'kind: Lesson') }), [`${S}:2:7: kind: unknown kind "Lesson"; expected Scenario`]),
  validate('a list, not a mapping', lesson({ 's/scenario.yaml': '- a\n- b\n' }), [`${S}:1:1: a scenario file must be a mapping`]),
  validate('an empty file', lesson({ 's/scenario.yaml': '' }), [`${S}:1:1: a scenario file must be a mapping`]),
  validate('an unknown field', lesson({ 's/scenario.yaml': SCENARIO.replace('  hints: []', '  hints: []\n  colour: red') }), [`${S}:20:11: spec.colour: Unrecognized key: "colour"`]),
  validate('a timeout of a day', lesson({ 's/scenario.yaml': SCENARIO.replace('timeoutSeconds: 60', 'timeoutSeconds: 86400') }), [`${S}:20:19: spec.timeoutSeconds: Too big: expected number to be <=3600`]),
  validate('a note that is not one of the five', lesson({ 's/scenario.yaml': SCENARIO.replace('001_9ae14472436263dd.txt', '009_0123abcd.txt') }), [`${S}:9:19: spec.source.note: 009_0123abcd.txt is not one of the study notes (000_b2d8148c07994eac.txt, 001_9ae14472436263dd.txt, 002_c7cd318d7dc38f2d.txt, 003_6039a16cdad10bf5.txt, 004_7fc9ece844ceb82d.txt)`]),
  validate('an id that is not the folder name', lesson({ 's/scenario.yaml': SCENARIO.replace('id: s', 'id: t') }), [`${S}:4:7: metadata.id: id "t" must equal its folder name "s"`]),
  validate('a step applying a file the lesson does not list', lesson({ 's/scenario.yaml': SCENARIO.replace('- apply: pod.yaml', '- apply: other.yaml') }), [`${S}:14:14: spec.steps[0].apply: other.yaml is not listed in spec.manifests`]),
  validate('a traffic path that would splice into a shell', lesson({ 's/scenario.yaml': SCENARIO.replace('    - apply: pod.yaml\n', "    - apply: pod.yaml\n    - traffic: { name: probe, target: { service: web, port: 80, path: \"/';echo PODLAB ok 299;'\" }, everySeconds: 1 }\n") }), [`${S}:15:71: spec.steps[1].traffic.target.path: a URL path: letters, digits, -._~!$&'()*+,;=:@/? and %XX escapes`]),
  // manifests
  validate('an empty manifest', lesson({ 's/pod.yaml': '' }), [`${M}:1:1: the manifest holds no objects`]),
  validate('a manifest that is a scalar', lesson({ 's/pod.yaml': 'just text\n' }), [`${M}:1:1: a manifest document must be a Kubernetes object (a mapping)`]),
  validate('a manifest without kind', lesson({ 's/pod.yaml': POD.replace('kind: Pod\n', '') }), [`${M}:1:1: kind: kind is required`]),
  validate('a manifest naming a namespace', lesson({ 's/pod.yaml': POD.replace('  name: p\n', '  name: p\n  namespace: kube-system\n') }), [`${M}:5:14: metadata.namespace: leave metadata.namespace out: every run gets its own namespace`]),
  validate('a Namespace', lesson({ 's/pod.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: x }\n' }), [`${M}:2:7: kind: Namespace is cluster-scoped; a scenario may only create objects in its run's namespace`]),
  validate('a ClusterRoleBinding', lesson({ 's/pod.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: x }\n' }), [`${M}:2:7: kind: ClusterRoleBinding is cluster-scoped; a scenario may only create objects in its run's namespace`]),
  validate('a RoleBinding to cluster-admin', lesson({ 's/pod.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: x }\nroleRef: { kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io }\n' }), [`${M}:2:7: kind: a lesson may not create a RoleBinding: it would grant API permissions to the pods in the run's namespace`]),
  validate('a Service claiming externalIPs', lesson({ 's/pod.yaml': `${POD}---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 80 }], externalIPs: [10.0.0.1] }\n` }), [`${M}:14:45: spec.externalIPs: a Service may not claim externalIPs: it would capture traffic to those addresses on the node (CVE-2020-8554)`]),
  // the ways onto the node (issue #10's audit), refused before anything is sent
  validate('hostPID', withPodSpec('  hostPID: true\n'), [`${M}:6:12: spec.hostPID: a lesson's pod may not share the node's process (PID) namespace ${BASELINE}`]),
  validate('hostNetwork', withPodSpec('  hostNetwork: true\n'), [`${M}:6:16: spec.hostNetwork: a lesson's pod may not share the node's network namespace ${BASELINE}`]),
  validate('hostIPC', withPodSpec('  hostIPC: true\n'), [`${M}:6:12: spec.hostIPC: a lesson's pod may not share the node's IPC namespace ${BASELINE}`]),
  validate('a hostPath of / mounted at /host', withContainer('      volumeMounts: [{ name: host, mountPath: /host }]\n  volumes:\n    - name: host\n      hostPath: { path: / }\n'), [`${M}:13:17: spec.volumes[0].hostPath: a hostPath volume mounts the node's own files; use emptyDir or a ConfigMap ${BASELINE}`]),
  validate('a privileged container', withContainer('      securityContext: { privileged: true }\n'), [`${M}:10:38: spec.containers[0].securityContext.privileged: a privileged container is root on the node ${BASELINE}`]),
  validate('an added SYS_ADMIN', withContainer('      securityContext: { capabilities: { add: [SYS_ADMIN] } }\n'), [`${M}:10:48: spec.containers[0].securityContext.capabilities.add[0]: capability "SYS_ADMIN" is beyond what baseline allows a container to add ${BASELINE}`]),
  validate('an added CAP_SYS_PTRACE', withContainer('      securityContext: { capabilities: { add: [CAP_SYS_PTRACE] } }\n'), [`${M}:10:48: spec.containers[0].securityContext.capabilities.add[0]: capability "CAP_SYS_PTRACE" is beyond what baseline allows a container to add ${BASELINE}`]),
  validate('a hostPort', withContainer('      ports: [{ containerPort: 80, hostPort: 80 }]\n'), [`${M}:10:46: spec.containers[0].ports[0].hostPort: a hostPort opens a port on the node itself; leave it out and use a Service ${BASELINE}`]),
  validate('hostNetwork in a Deployment', lesson({ 's/pod.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers: [{ name: c, image: x }]\n' }), [`${M}:7:20: spec.template.spec.hostNetwork: a lesson's pod may not share the node's network namespace ${BASELINE}`]),
  validate('four ways at once, each reported', withPodSpec('  hostPID: true\n  hostNetwork: true\n  volumes: [{ name: h, hostPath: { path: /etc } }]\n'), [
    `${M}:6:12: spec.hostPID: a lesson's pod may not share the node's process (PID) namespace ${BASELINE}`,
    `${M}:7:16: spec.hostNetwork: a lesson's pod may not share the node's network namespace ${BASELINE}`,
    `${M}:8:34: spec.volumes[0].hostPath: a hostPath volume mounts the node's own files; use emptyDir or a ConfigMap ${BASELINE}`,
  ]),
];
