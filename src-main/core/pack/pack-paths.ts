// SPDX-License-Identifier: Apache-2.0
// Where an imported pack lives in podlab's data folder.
import { join } from 'node:path';

export const packPaths = (dataDir: string) => ({
  /** kind, installed by the pack; the kind provider prefers it to one on PATH */
  kind: join(dataDir, 'bin', 'kind'),
  root: join(dataDir, 'pack'),
  /** the installed pack's manifest, with where and when it came from: written last */
  installed: join(dataDir, 'pack', 'installed.json'),
  /** the pack's lessons; the app's own lessons of the same id take precedence */
  scenarios: join(dataDir, 'pack', 'scenarios'),
});
