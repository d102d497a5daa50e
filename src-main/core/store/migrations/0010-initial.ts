// SPDX-License-Identifier: Apache-2.0
// Migration 10: scenarios (versioned by content), expectations, runs, observations, verdicts, progress.
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion10(db: Database): void {
  db.exec(`
    CREATE TABLE scenarios (
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      title_en TEXT NOT NULL,
      title_zh TEXT NOT NULL,
      document_json TEXT NOT NULL,
      manifests_json TEXT NOT NULL,
      params_json TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      PRIMARY KEY (id, version),
      UNIQUE (id, content_hash)
    );
    CREATE TABLE expectations (
      scenario_id TEXT NOT NULL,
      scenario_version INTEGER NOT NULL,
      position INTEGER NOT NULL,
      expectation_id TEXT NOT NULL,
      type TEXT NOT NULL,
      explain_en TEXT NOT NULL,
      explain_zh TEXT NOT NULL,
      definition_json TEXT NOT NULL,
      PRIMARY KEY (scenario_id, scenario_version, expectation_id),
      FOREIGN KEY (scenario_id, scenario_version) REFERENCES scenarios (id, version)
    );
    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      scenario_id TEXT NOT NULL,
      scenario_version INTEGER NOT NULL,
      namespace TEXT NOT NULL,
      cluster TEXT NOT NULL,
      server_version TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'passed', 'failed', 'error', 'aborted', 'interrupted')),
      error TEXT,
      params_json TEXT NOT NULL,
      manifests_json TEXT NOT NULL,
      FOREIGN KEY (scenario_id, scenario_version) REFERENCES scenarios (id, version)
    );
    CREATE INDEX runs_by_scenario ON runs (scenario_id, started_at);
    CREATE TABLE observations (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs (id),
      t INTEGER NOT NULL,
      kind TEXT NOT NULL,
      data_json TEXT NOT NULL
    );
    CREATE INDEX observations_by_run ON observations (run_id, t);
    CREATE TABLE verdicts (
      run_id TEXT NOT NULL REFERENCES runs (id),
      expectation_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'pass', 'fail')),
      window_lo INTEGER,
      window_hi INTEGER,
      decided_at INTEGER,
      detail TEXT NOT NULL,
      PRIMARY KEY (run_id, expectation_id)
    );
    CREATE TABLE progress (
      scenario_id TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('in-progress', 'passed', 'failed')),
      last_run_id TEXT REFERENCES runs (id),
      updated_at TEXT NOT NULL
    );
  `);
}
