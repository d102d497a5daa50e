// SPDX-License-Identifier: Apache-2.0
// Pods in many states at once, for comparing our printPod with the API server's own Table.

const img = (name: string) => `docker.io/library/${name}`;
const bb = (command: string) => ({ image: img('busybox:1.36'), imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', command] });
const pod = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { terminationGracePeriodSeconds: 1, ...spec } });

export const POD_ZOO = [
  pod('running', { containers: [{ name: 'c', ...bb('sleep 3600') }] }),
  pod('two-containers', { containers: [{ name: 'a', ...bb('sleep 3600') }, { name: 'b', ...bb('sleep 3600') }] }),
  pod('crashing', { containers: [{ name: 'c', ...bb('sleep 1; exit 1') }] }),
  pod('completed', { restartPolicy: 'Never', containers: [{ name: 'c', ...bb('exit 0') }] }),
  pod('failed', { restartPolicy: 'Never', containers: [{ name: 'c', ...bb('exit 3') }] }),
  pod('onfailure-done', { restartPolicy: 'OnFailure', containers: [{ name: 'c', ...bb('exit 0') }] }),
  pod('init-waiting', { initContainers: [{ name: 'i', ...bb('sleep 3600') }], containers: [{ name: 'c', ...bb('sleep 3600') }] }),
  pod('init-failing', { initContainers: [{ name: 'i', ...bb('exit 1') }, { name: 'j', ...bb('exit 0') }], containers: [{ name: 'c', ...bb('sleep 3600') }] }),
  pod('init-failing-never', { restartPolicy: 'Never', initContainers: [{ name: 'i', ...bb('exit 2') }], containers: [{ name: 'c', ...bb('sleep 3600') }] }),
  pod('oversized', { containers: [{ name: 'c', ...bb('sleep 3600'), resources: { requests: { cpu: '100' } } }] }),
  pod('never-pull', { containers: [{ name: 'c', image: 'podlab.invalid/missing:1', imagePullPolicy: 'Never' }] }),
  pod('gated', { readinessGates: [{ conditionType: 'podlab.dev/gate' }], containers: [{ name: 'c', ...bb('sleep 3600') }] }),
  pod('not-ready', { containers: [{ name: 'c', ...bb('sleep 3600'), readinessProbe: { exec: { command: ['false'] }, periodSeconds: 2 } }] }),
  pod('sidecar', { initContainers: [{ name: 'side', restartPolicy: 'Always', ...bb('sleep 3600') }], containers: [{ name: 'c', ...bb('sleep 3600') }] }),
  pod('completed-beside-running', { containers: [{ name: 'a', ...bb('exit 0') }, { name: 'b', ...bb('sleep 3600') }] }),
  pod('terminating', {
    terminationGracePeriodSeconds: 60,
    containers: [{ name: 'c', ...bb('trap "" TERM; sleep 3600'), lifecycle: { preStop: { exec: { command: ['sleep', '50'] } } } }],
  }),
];
