#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// The podlab CLI: runs the TypeScript sources through tsx, so no build step stands between a clone and a run.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
