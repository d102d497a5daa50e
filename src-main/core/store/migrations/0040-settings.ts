// SPDX-License-Identifier: Apache-2.0
// Migration 40: the app's settings (node image, registry mirrors, proxy), one JSON value per key.
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion40(db: Database): void {
  db.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)`);
}
