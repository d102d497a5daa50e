// SPDX-License-Identifier: Apache-2.0
// kind's create output as progress steps. Without a terminal kind prints " • Ensuring node image (…) 🖼"
// when a step starts and " ✓ Ensuring node image (…) 🖼" when it ends (✗ when it fails).

const CREATE_STEPS = ['Ensuring node image', 'Preparing nodes', 'Writing configuration', 'Starting control-plane', 'Installing CNI', 'Installing StorageClass', 'Waiting'];

export interface KindStep {
  /** the step's text without kind's bullets and emoji */
  step: string;
  state: 'started' | 'done' | 'failed';
  /** 0..1 of kind's create */
  fraction: number;
}

export function parseKindCreateLine(line: string): KindStep | undefined {
  const i = CREATE_STEPS.findIndex((s) => line.includes(s));
  if (i < 0) return undefined;
  const trimmed = line.trim();
  const state = trimmed.startsWith('✓') ? 'done' : trimmed.startsWith('✗') ? 'failed' : 'started';
  const step = trimmed
    .replace(/^[•✓✗]\s*/u, '')
    .replace(/\s*\.\.\.$/, '')
    .replace(/[\s\p{Extended_Pictographic}\uFE0F]+$/u, '')
    .trim();
  return { step, state, fraction: (i + (state === 'done' ? 1 : 0.5)) / CREATE_STEPS.length };
}
