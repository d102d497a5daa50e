// SPDX-License-Identifier: Apache-2.0
// A field path as messages print it: items[3].status.containerStatuses[0].restartCount.
import type { FieldPath } from './value-positions';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (IDENTIFIER.test(step)) out += out ? `.${step}` : step;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}
