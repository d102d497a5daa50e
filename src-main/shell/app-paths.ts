// SPDX-License-Identifier: Apache-2.0
// Where the desktop app keeps its data, from Electron's own paths.
import { join } from 'node:path';
import { app } from 'electron';

export function appPaths(): { dataDir: string; logsDir: string; scenariosDir: string } {
  const scenariosDir = app.isPackaged ? join(process.resourcesPath, 'scenarios') : join(app.getAppPath(), 'scenarios');
  return { dataDir: process.env.APP_DATA_DIR ?? app.getPath('userData'), logsDir: app.getPath('logs'), scenariosDir };
}
