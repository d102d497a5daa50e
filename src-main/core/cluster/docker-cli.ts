// SPDX-License-Identifier: Apache-2.0
// The few docker commands podlab needs, each with a deadline: a hung daemon must not hang the app.
import { ExecError, runChecked, type RunOptions, type RunResult, type Runner } from '../util/exec';

export const QUICK_MS = 20_000;

/** A command that may fail to start at all (not installed, timed out): the error comes back as a value. */
export function tryRun(runner: Runner, command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult | ExecError> {
  return runner.run(command, args, { timeoutMs: QUICK_MS, ...options }).catch((e: unknown) => (e instanceof ExecError ? e : new ExecError([command, ...args], undefined, String(e), e)));
}

export interface ContainerFacts {
  running: boolean;
  /** the image ref the container was created from, as given to `docker run` */
  image: string;
  /** the image ID it runs */
  imageId: string;
}

export async function inspectContainer(runner: Runner, name: string): Promise<ContainerFacts | undefined> {
  const r = await tryRun(runner, 'docker', ['inspect', '--type', 'container', '--format', '{{json .State.Running}} {{json .Config.Image}} {{json .Image}}', name]);
  if (r instanceof ExecError || r.exitCode !== 0) return undefined;
  const [running, image, imageId] = r.stdout.trim().split(' ').map((s) => JSON.parse(s) as unknown);
  return { running: running === true, image: String(image), imageId: String(imageId) };
}

/** The local image's ID, or undefined when Docker does not have it under that ref. */
export async function localImageId(runner: Runner, ref: string): Promise<string | undefined> {
  const r = await tryRun(runner, 'docker', ['image', 'inspect', '--format', '{{.Id}}', ref]);
  if (r instanceof ExecError || r.exitCode !== 0) return undefined;
  return r.stdout.trim() || undefined;
}

/** Runs a command inside a container (the kind node), insisting on exit 0. */
export function dockerExec(runner: Runner, container: string, argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runChecked(runner, 'docker', ['exec', ...(options.input !== undefined ? ['-i'] : []), container, ...argv], { timeoutMs: QUICK_MS, ...options });
}
