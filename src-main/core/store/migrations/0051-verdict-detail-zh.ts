// SPDX-License-Identifier: Apache-2.0
// Migration 51: a verdict's detail in Chinese beside the English one, so a stored run reads in the
// learner's language. Runs stored before keep NULL: they were only ever judged in English.
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion51(db: Database): void {
  db.exec(`ALTER TABLE verdicts ADD COLUMN detail_zh TEXT`);
}
