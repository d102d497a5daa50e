// SPDX-License-Identifier: Apache-2.0
// Migration 20: container logs kept with each run (collected before its namespace goes), and
// the learner's answer to a scenario's question.
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion20(db: Database): void {
  db.exec(`
    CREATE TABLE run_logs (
      run_id TEXT NOT NULL REFERENCES runs (id),
      pod TEXT NOT NULL,
      container TEXT NOT NULL,
      previous INTEGER NOT NULL CHECK (previous IN (0, 1)),
      text TEXT NOT NULL,
      PRIMARY KEY (run_id, pod, container, previous)
    );
    CREATE TABLE answers (
      run_id TEXT PRIMARY KEY REFERENCES runs (id),
      about TEXT NOT NULL,
      answer REAL NOT NULL,
      observed REAL,
      answered_at TEXT NOT NULL
    );
  `);
}
