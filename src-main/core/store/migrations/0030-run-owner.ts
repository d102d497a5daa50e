// SPDX-License-Identifier: Apache-2.0
// Migration 30: which process owns a running run, so that crash recovery in one process never
// takes the runs another live process (sharing the data folder) is still doing.
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion30(db: Database): void {
  db.exec(`ALTER TABLE runs ADD COLUMN owner TEXT NOT NULL DEFAULT ''`);
}
