// SPDX-License-Identifier: Apache-2.0
// One bad input and the exact error podlab must give for it (issue #10's corpus).
import type { AppApi } from '@contract/api';

/** What a case puts in its fresh folder before it runs. */
export type CaseFile =
  | string
  | { bytes: number[] | string; encoding?: 'base64' }
  | { symlink: string }
  | { fifo: true }
  | { dir: true };

export interface BadInputCase {
  name: string;
  /** paths inside the case's fresh folder; "{dir}" in cli arguments and expected text is that folder */
  files?: Record<string, CaseFile>;
  /** a `podlab` command line, run in-process through the CLI's main() with captured streams */
  cli?: string[];
  /** or one engine API call, through the same dispatch as Electron IPC and browser mode (no cluster) */
  api?: { method: keyof AppApi; args: unknown[] };
  /** standard input for `cli` (print-pod -) */
  stdin?: string;
  expect: {
    /** the CLI's exit code (cli cases; default 1) */
    exit?: number;
    /** the API error's code (api cases) */
    code?: string;
    /** the whole of stderr (cli) or the error message (api), "{dir}" for the case's folder; a RegExp must match it */
    error: string | RegExp;
  };
}
