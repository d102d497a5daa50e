// SPDX-License-Identifier: Apache-2.0
// Types of cli-build.js (plain JavaScript, so bin/podlab.js runs without a compiler).

export declare const BUNDLE_ENTRY: string;
export declare const SOURCE_ENTRY: string;
export declare const BUILT_FROM: string[];

export type CliBuildChoice =
  | { from: 'bundle'; bundle: string }
  /** bundle: a stale one, to run if tsx is not installed; undefined when there is none or the sources were insisted on */
  | { from: 'sources'; why: string; bundle: string | undefined };

export declare function chooseCliBuild(root: string, from: string | undefined): CliBuildChoice;
export declare function firstNewer(paths: string[], time: number): string | undefined;
