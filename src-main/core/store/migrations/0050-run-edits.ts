// SPDX-License-Identifier: Apache-2.0
// Migration 50: the "what if" edits a run ran with, so history can label it and progress can leave it
// out; and why a container's log could not be read, so a report says so instead of "none".
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion50(db: Database): void {
  db.exec(`ALTER TABLE runs ADD COLUMN edits_json TEXT NOT NULL DEFAULT '[]'`);
  db.exec(`ALTER TABLE run_logs ADD COLUMN error TEXT`);
}
