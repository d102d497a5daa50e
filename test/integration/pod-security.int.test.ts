// SPDX-License-Identifier: Apache-2.0
// A run namespace refuses what an audit used to get root on the node with (hostPID, hostNetwork, a
// privileged container, a hostPath of / mounted at /host), while an ordinary lesson pod is admitted.
import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src-main/core/kube/kube-api';
import { testKube, testNamespace } from './cluster';

const { rest } = testKube();
const pod = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const nginx = { name: 'web', image: 'docker.io/library/nginx:1.27.5', imagePullPolicy: 'IfNotPresent' };

describe('Pod Security in run namespaces', () => {
  it('refuses host access and privilege, admits an ordinary pod', async () => {
    const ns = await testNamespace(rest, 'pod-security');
    try {
      const hostile = [
        pod('host-pid', { hostPID: true, containers: [nginx] }),
        pod('host-network', { hostNetwork: true, containers: [nginx] }),
        pod('privileged', { containers: [{ ...nginx, securityContext: { privileged: true } }] }),
        pod('host-path', { volumes: [{ name: 'host', hostPath: { path: '/' } }], containers: [{ ...nginx, volumeMounts: [{ name: 'host', mountPath: '/host' }] }] }),
        pod('sys-admin', { containers: [{ ...nginx, securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }] }),
      ];
      for (const p of hostile) {
        const e = await rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, { body: p }).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(e, `${p.metadata.name} was admitted`).toBeInstanceOf(KubeApiError);
        expect((e as KubeApiError).status).toBe(403);
        expect((e as Error).message).toMatch(/violates PodSecurity "baseline:latest"/);
      }
      await expect(rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, { body: pod('ordinary', { containers: [nginx] }) })).resolves.toBeDefined();
    } finally {
      await ns.drop();
    }
  });
});
