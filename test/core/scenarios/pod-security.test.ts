// SPDX-License-Identifier: Apache-2.0
// podlab's own Pod Security baseline check: each way onto the node refused at its file:line:field,
// in a Pod and in a controller's template; what baseline allows is left alone.
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src-main/core/scenarios/manifest-check';
import { formatProblem } from '../../../src-main/core/scenarios/scenario-error';

const pod = (spec: string, meta = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${meta}spec:\n${spec}`;
const container = (extra = '') => `  containers:\n    - name: c\n      image: busybox:1.36\n${extra}`;
const problems = (text: string) => parseManifest('pod.yaml', text).problems.map(formatProblem);

describe('Pod Security baseline, podlab side', () => {
  it.each([
    ['hostPID', pod(`  hostPID: true\n${container()}`), 'pod.yaml:6:12: spec.hostPID: a lesson\'s pod may not share the node\'s process (PID) namespace (Pod Security baseline)'],
    ['hostNetwork', pod(`  hostNetwork: true\n${container()}`), 'pod.yaml:6:16: spec.hostNetwork: a lesson\'s pod may not share the node\'s network namespace (Pod Security baseline)'],
    ['hostIPC', pod(`  hostIPC: true\n${container()}`), 'pod.yaml:6:12: spec.hostIPC: a lesson\'s pod may not share the node\'s IPC namespace (Pod Security baseline)'],
    ['privileged', pod(container('      securityContext:\n        privileged: true\n')), 'pod.yaml:10:21: spec.containers[0].securityContext.privileged: a privileged container is root on the node (Pod Security baseline)'],
    ['hostPath', pod(`${container()}  volumes:\n    - name: host\n      hostPath: { path: / }\n`), 'pod.yaml:11:17: spec.volumes[0].hostPath: a hostPath volume mounts the node\'s own files; use emptyDir or a ConfigMap (Pod Security baseline)'],
    ['SYS_ADMIN', pod(container('      securityContext:\n        capabilities: { add: [NET_BIND_SERVICE, SYS_ADMIN] }\n')), 'pod.yaml:10:49: spec.containers[0].securityContext.capabilities.add[1]: capability "SYS_ADMIN" is beyond what baseline allows a container to add (Pod Security baseline)'],
    ['hostPort', pod(container('      ports: [{ containerPort: 80, hostPort: 8080 }]\n')), 'pod.yaml:9:46: spec.containers[0].ports[0].hostPort: a hostPort opens a port on the node itself; leave it out and use a Service (Pod Security baseline)'],
    ['an init container', pod(`  initContainers:\n    - name: i\n      image: busybox:1.36\n      securityContext: { privileged: true }\n${container()}`), 'pod.yaml:9:38: spec.initContainers[0].securityContext.privileged: a privileged container is root on the node (Pod Security baseline)'],
    ['seccomp Unconfined', pod(`  securityContext: { seccompProfile: { type: Unconfined } }\n${container()}`), 'pod.yaml:6:46: spec.securityContext.seccompProfile.type: an Unconfined seccompProfile turns off the runtime\'s confinement (Pod Security baseline)'],
    ['an unsafe sysctl', pod(`  securityContext: { sysctls: [{ name: kernel.msgmax, value: "1" }] }\n${container()}`), 'pod.yaml:6:40: spec.securityContext.sysctls[0].name: sysctl "kernel.msgmax" is not one of the safe namespaced sysctls (Pod Security baseline)'],
    ['procMount Unmasked', pod(container('      securityContext: { procMount: Unmasked }\n')), 'pod.yaml:9:37: spec.containers[0].securityContext.procMount: procMount must be Default (Pod Security baseline)'],
    ['an SELinux user', pod(container('      securityContext: { seLinuxOptions: { user: system_u } }\n')), 'pod.yaml:9:50: spec.containers[0].securityContext.seLinuxOptions.user: a custom SELinux user is not allowed (Pod Security baseline)'],
    ['AppArmor unconfined (annotation)', pod(container(), '  annotations: { container.apparmor.security.beta.kubernetes.io/c: unconfined }\n'), 'pod.yaml:5:68: metadata.annotations.container.apparmor.security.beta.kubernetes.io/c: AppArmor "unconfined" turns off the runtime\'s confinement (Pod Security baseline)'],
  ])('refuses %s with file:line and field', (_what, text, message) => {
    expect(problems(text)).toEqual([message]);
  });

  it('checks the pod template of a Deployment and of a CronJob', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers: [{ name: c, image: x }]\n';
    expect(problems(deployment)).toEqual(['pod.yaml:7:20: spec.template.spec.hostNetwork: a lesson\'s pod may not share the node\'s network namespace (Pod Security baseline)']);
    const cronJob = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: j }\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostPID: true\n          containers: [{ name: c, image: x }]\n';
    expect(problems(cronJob)).toEqual(['pod.yaml:9:20: spec.jobTemplate.spec.template.spec.hostPID: a lesson\'s pod may not share the node\'s process (PID) namespace (Pod Security baseline)']);
  });

  it('leaves what baseline allows: added CHOWN, hostNetwork false, RuntimeDefault seccomp, a safe sysctl, emptyDir', () => {
    const text = pod(`  hostNetwork: false\n  securityContext: { seccompProfile: { type: RuntimeDefault }, sysctls: [{ name: net.ipv4.tcp_syncookies, value: "1" }] }\n${container('      securityContext: { privileged: false, capabilities: { add: [CHOWN], drop: [ALL] } }\n      ports: [{ containerPort: 80, hostPort: 0 }]\n')}  volumes: [{ name: scratch, emptyDir: {} }]\n`);
    expect(problems(text)).toEqual([]);
  });

  it('refuses a RoleBinding and a Service with externalIPs', () => {
    expect(problems('apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: r }\nroleRef: { kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io }\n')).toEqual([
      'pod.yaml:2:7: kind: a lesson may not create a RoleBinding: it would grant API permissions to the pods in the run\'s namespace',
    ]);
    expect(problems('apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { ports: [{ port: 80 }], externalIPs: [1.2.3.4] }\n')).toEqual([
      'pod.yaml:4:45: spec.externalIPs: a Service may not claim externalIPs: it would capture traffic to those addresses on the node (CVE-2020-8554)',
    ]);
  });

  it('can be switched off (only the attack tests do, to prove the namespace label alone refuses)', () => {
    expect(parseManifest('pod.yaml', pod(`  hostPID: true\n${container()}`), { podSecurity: false }).problems).toEqual([]);
  });
});
