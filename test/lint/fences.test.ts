// SPDX-License-Identifier: Apache-2.0
// Each layering fence in eslint.config.js fires on a crossing, and lets the layer's own imports by:
// the project's real config, run on one import line placed as a file of that layer.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\nexport const used = x;\n`, { filePath: `${root}/${file}` });
  // a file the config does not cover or cannot parse would say nothing and pass the "allowed" cases
  expect(result!.messages.filter((m) => m.fatal), `${file} was linted`).toEqual([]);
  expect(await eslint.isPathIgnored(`${root}/${file}`)).toBe(false);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering fences', () => {
  it.each([
    ['src-main/core/engine-x.ts', "import x from 'electron';", /must not import electron/],
    ['src-main/core/engine-x.ts', "import x from '../serve/browser-server';", /must not import browser mode or the CLI/],
    ['src-main/core/kube/x.ts', "import x from '../../cli/io';", /must not import browser mode or the CLI/],
    ['src-main/core/check/x.ts', "import x from 'node:fs';", /no Node I\/O/],
    ['src-main/core/check/judges/x.ts', "import x from '../../kube/kube-api';", /they see observations/],
    ['src-main/core/predict/x.ts', "import x from '../store/store';", /they see observations/],
    ['src-main/core/predict/x.ts', "import x from '@kubernetes/client-node';", /no cluster, process, store/],
    ['src-main/serve/x.ts', "import x from 'electron';", /runs without Electron/],
    ['src-main/serve/x.ts', "import x from '../cli/io';", /must not import the shell, preload, renderer or CLI/],
    ['src-main/preload/x.ts', "import x from '../core/engine';", /electron and the contract only/],
    ['src-main/preload/x.ts', "import x from 'node:fs';", /electron and the contract only/],
    ['src-main/cli/x.ts', "import x from 'electron';", /must not import electron/],
    ['src-main/cli/commands/x.ts', "import { loadScenarios } from '../../core/scenarios/loader';", /import the engine from core/],
    ['src-main/contract/x.ts', "import x from 'zod';", /types and channel constants only/],
    ['src-renderer/src/x.ts', "import x from '../../src-main/core/engine';", /only through window\.app/],
    ['src-main/core/run/x.ts', "import { Watch } from '@kubernetes/client-node';", /through the KubeApi seam/],
    ['src-main/core/engine-x.ts', "import { ClientNodeKube } from './kube/client-node-kube';", /through the KubeApi seam/],
    ['src-main/cli/x.ts', "import { KubeConfig } from '@kubernetes/client-node';", /through the KubeApi seam/],
    ['src-main/serve/x.ts', "import { Watch } from '@kubernetes/client-node';", /through the KubeApi seam/],
    ['src-main/core/check/x.ts', "import x from '../run/run-timeline';", /they see observations/],
    ['src-main/serve/x.ts', "import { Engine } from '../core/engine';", /from core \(core\/index\.ts\), not its inside/],
    ['src-main/shell/x.ts', "import { AppError } from '../core/util/errors';", /from core \(core\/index\.ts\), not its inside/],
    ['src-main/shell/x.ts', "import x from '../cli/io';", /must not import the renderer or the CLI/],
  ])('%s: %s is refused', async (file, line, message) => {
    expect(await restricted(file, line)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['src-main/core/check/x.ts', "import x from '../predict';"],
    ['src-main/core/predict/x.ts', "import x from '@contract/scenario';"],
    ['src-main/preload/x.ts', "import x from 'electron';"],
    ['src-main/core/scenarios/x.ts', "import x from '../kube/apply';"],
    ['src-main/core/kube/connect.ts', "import x from './client-node-kube';"],
    ['src-main/core/kube/client-node-kube.ts', "import { KubeConfig } from '@kubernetes/client-node';"],
    ['src-main/core/run/x.ts', "import x from '../kube/kube-api';"],
    ['src-main/shell/x.ts', "import { Engine } from '../core';"],
    ['src-main/cli/commands/x.ts', "import { loadScenarios } from '../../core';"],
    ['src-main/serve/x.ts', "import { dispatch } from '../core/index';"],
    ['src-main/shell/x.ts', "import { CSP } from '../serve/security-headers';"],
  ])('%s: %s is allowed', async (file, line) => {
    expect(await restricted(file, line)).toEqual([]);
  });
});
