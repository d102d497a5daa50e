// SPDX-License-Identifier: Apache-2.0
// The last cluster operation's failure, which both providers keep for the Cluster panel: an operation
// that fails sets it, one that succeeds clears it (the panel shows only what is still wrong).
import type { ClusterFailure } from '@contract/dto';
import { errorMessage } from '../util/errors';
import { ExecError } from '../util/exec';

export class LastFailure {
  private failure: ClusterFailure | undefined;

  get(): ClusterFailure | undefined {
    return this.failure;
  }

  /** Runs one operation; its error becomes the last failure and is rethrown. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.failure = undefined;
      return result;
    } catch (e) {
      this.failure = clusterFailure(e);
      throw e;
    }
  }
}

/** The error's message, and the failed command and its output where the error carries them
 *  (an ExecError, or an AppError whose details name them, like a failed kind create). */
function clusterFailure(e: unknown): ClusterFailure {
  const details = (e as { details?: unknown } | null | undefined)?.details as Partial<ClusterFailure> | undefined;
  return {
    at: new Date().toISOString(),
    message: errorMessage(e),
    ...(e instanceof ExecError ? { argv: e.argv, output: e.output } : {}),
    ...(details?.argv ? { argv: details.argv } : {}),
    ...(details?.output ? { output: details.output } : {}),
    ...(details?.logsDir ? { logsDir: details.logsDir } : {}),
  };
}
