#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// The podlab CLI. Runs the bundle in out/cli/ (built by `npm ci` and `npm run build:cli`): a start in
// about 0.1 s. Where the sources changed since (a checkout being worked on) or it was never built,
// runs the TypeScript sources through tsx instead, as before the bundle existed; tsx is a development
// dependency, so an install without it runs the bundle it has.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chooseCliBuild, SOURCE_ENTRY } from './cli-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = await loadMain();
process.exitCode = main ? await main(process.argv.slice(2)) : 1;

async function loadMain() {
  let choice;
  try {
    choice = chooseCliBuild(root, process.env.APP_CLI_FROM);
  } catch (e) {
    console.error(`podlab: ${e.message}`);
    return undefined;
  }
  if (choice.from === 'sources') {
    const tsx = await import('tsx/esm/api').catch((e) => {
      if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
      return undefined;
    });
    if (tsx) {
      if (process.env.APP_LOG_LEVEL === 'debug') console.error(`podlab: running the sources through tsx (${choice.why})`);
      tsx.register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
      return (await import(pathToFileURL(join(root, SOURCE_ENTRY)).href)).main;
    }
    if (!choice.bundle) {
      console.error(`podlab: ${choice.why}, and tsx (a development dependency) is not installed to run the sources (\`npm run build:cli\` builds the bundle where the development dependencies are)`);
      return undefined;
    }
    console.error(`podlab: ${choice.why}; running the bundle anyway (tsx, to run the sources, is not installed)`);
  }
  return (await import(pathToFileURL(choice.bundle).href)).main;
}
