// SPDX-License-Identifier: Apache-2.0
// Where a Kubernetes word may wrap in a narrow column: "ContainerCreating" as "Container|Creating",
// "Init:CrashLoopBackOff" as "Init:|Crash|Loop|Back|Off", rather than at an arbitrary letter.

/** The text cut at each lower→upper case step and after ':' '/' '=' ',' (join them back for the text). */
export function softBreaks(text: string): string[] {
  return text.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[:/=,])/);
}
