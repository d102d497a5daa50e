// SPDX-License-Identifier: Apache-2.0
// Migration 50: the "what if" edits a run ran with, so history can label it and progress can leave it out.
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion50(db: Database): void {
  db.exec(`ALTER TABLE runs ADD COLUMN edits_json TEXT NOT NULL DEFAULT '[]'`);
}
