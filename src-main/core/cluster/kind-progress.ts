// SPDX-License-Identifier: Apache-2.0
// kind's create output as progress steps. Without a terminal kind prints " • Ensuring node image (…) 🖼"
// when a step starts and " ✓ Ensuring node image (…) 🖼" when it ends (✗ when it fails).

const CREATE_STEPS = ['Ensuring node image', 'Preparing nodes', 'Writing configuration', 'Starting control-plane', 'Installing CNI', 'Installing StorageClass', 'Waiting'];
/** the same steps in Chinese, by index */
const CREATE_STEPS_ZH = ['确认节点镜像', '准备节点', '写入配置', '启动控制平面', '安装 CNI', '安装 StorageClass', '等待'];

export interface KindStep {
  /** the step's text without kind's bullets and emoji */
  step: string;
  /** the same with kind's step name in Chinese; what kind adds after it (the image, the wait) is kept */
  stepZh: string;
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
  return { step, stepZh: inChinese(step, i), state, fraction: (i + (state === 'done' ? 1 : 0.5)) / CREATE_STEPS.length };
}

/** kind's step name in Chinese; what kind adds after it (the image, the wait's limit) is kept. */
function inChinese(step: string, i: number): string {
  const wait = /^Waiting ≤ (\S+) for control-plane = Ready$/.exec(step);
  if (wait) return `等待控制平面 Ready（最多 ${wait[1]}）`;
  const at = step.indexOf(CREATE_STEPS[i]!);
  return at < 0 ? step : step.slice(0, at) + CREATE_STEPS_ZH[i] + step.slice(at + CREATE_STEPS[i]!.length);
}
