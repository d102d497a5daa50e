// SPDX-License-Identifier: Apache-2.0
// `kubectl exec` through the API (a websocket), collecting output and the exit code.
import { Writable } from 'node:stream';
import { Exec, type KubeConfig } from '@kubernetes/client-node';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function collector(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      into.push(chunk.toString());
      cb();
    },
  });
}

export function execInPod(kc: KubeConfig, namespace: string, pod: string, container: string, command: string[], timeoutMs = 60_000): Promise<ExecResult> {
  const out: string[] = [];
  const err: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`exec in ${pod}/${container} timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    new Exec(kc)
      .exec(namespace, pod, container, command, collector(out), collector(err), null, false, (status) => {
        clearTimeout(timer);
        // The status is a metav1.Status; a non-zero exit arrives as Failure with an ExitCode cause.
        const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
        const exitCode = status.status === 'Success' ? 0 : Number(cause?.message ?? 1);
        resolve({ exitCode, stdout: out.join(''), stderr: err.join('') });
      })
      .catch((e: unknown) => {
        clearTimeout(timer);
        reject(e);
      });
  });
}
