// SPDX-License-Identifier: Apache-2.0
// `npm run build:cli` (and `npm ci`, through the `prepare` script): the CLI bundle in out/cli/,
// which bin/podlab.js runs instead of the sources while it is up to date.
import { buildCliBundle, CLI_OUT_DIR } from './build-cli-bundle';

const started = performance.now();
await buildCliBundle();
console.log(`podlab CLI built in ${CLI_OUT_DIR} (${Math.round(performance.now() - started)} ms)`);
