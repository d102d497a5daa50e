// SPDX-License-Identifier: Apache-2.0
// Scenarios and their expectations, versioned by content: a changed scenario is a new version.
import type { Expectation, ExpectationType, LoadedScenario, ScenarioDocument } from '@contract/scenario';
import { expectationType } from '../check/judges';
import type { Db } from './db';

/** A loaded scenario as SQLite keeps it: the folder it came from is not kept, its version is. */
export interface StoredScenario extends Omit<LoadedScenario, 'dir' | 'file'> {
  version: number;
}

export interface StoredExpectation {
  position: number;
  expectation: Expectation;
  type: ExpectationType;
}

interface ScenarioRow {
  id: string;
  version: number;
  content_hash: string;
  document_json: string;
  manifests_json: string;
  params_json: string;
}

export class ScenarioRepo {
  private readonly byHash;
  private readonly maxVersion;
  private readonly insertScenario;
  private readonly insertExpectation;
  private readonly latestRow;
  private readonly versionRow;
  private readonly latestAll;
  private readonly expectationRows;

  constructor(private readonly db: Db) {
    this.byHash = db.prepare<[string, string], { version: number }>('SELECT version FROM scenarios WHERE id = ? AND content_hash = ?');
    this.maxVersion = db.prepare<[string], { v: number | null }>('SELECT MAX(version) AS v FROM scenarios WHERE id = ?');
    this.insertScenario = db.prepare(
      `INSERT INTO scenarios (id, version, content_hash, title_en, title_zh, document_json, manifests_json, params_json, imported_at)
       VALUES (@id, @version, @hash, @titleEn, @titleZh, @doc, @manifests, @params, @at)`,
    );
    this.insertExpectation = db.prepare(
      `INSERT INTO expectations (scenario_id, scenario_version, position, expectation_id, type, explain_en, explain_zh, definition_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.latestRow = db.prepare<[string], ScenarioRow>('SELECT * FROM scenarios WHERE id = ? ORDER BY version DESC LIMIT 1');
    this.versionRow = db.prepare<[string, number], ScenarioRow>('SELECT * FROM scenarios WHERE id = ? AND version = ?');
    this.latestAll = db.prepare<[], ScenarioRow>(
      `SELECT s.* FROM scenarios s JOIN (SELECT id, MAX(version) AS v FROM scenarios GROUP BY id) m
       ON s.id = m.id AND s.version = m.v ORDER BY s.id`,
    );
    this.expectationRows = db.prepare<[string, number], { position: number; definition_json: string }>(
      'SELECT position, definition_json FROM expectations WHERE scenario_id = ? AND scenario_version = ? ORDER BY position',
    );
  }

  /** Imports a loaded scenario; returns its version (unchanged content keeps its version). */
  import(s: LoadedScenario, now = new Date()): { version: number; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.byHash.get(s.id, s.contentHash);
      if (existing) return { version: existing.version, created: false };
      const version = (this.maxVersion.get(s.id)?.v ?? 0) + 1;
      this.insertScenario.run({
        id: s.id,
        version,
        hash: s.contentHash,
        titleEn: s.doc.spec.title.en,
        titleZh: s.doc.spec.title.zh,
        doc: JSON.stringify(s.doc),
        manifests: JSON.stringify(s.manifests),
        params: JSON.stringify(s.params),
        at: now.toISOString(),
      });
      s.doc.spec.expectations.forEach((e, i) => {
        this.insertExpectation.run(s.id, version, i, e.id, expectationType(e), e.explain.en, e.explain.zh, JSON.stringify(e));
      });
      return { version, created: true };
    })();
  }

  latest(id: string): StoredScenario | undefined {
    const row = this.latestRow.get(id);
    return row && toStored(row);
  }

  get(id: string, version: number): StoredScenario | undefined {
    const row = this.versionRow.get(id, version);
    return row && toStored(row);
  }

  listLatest(): StoredScenario[] {
    return this.latestAll.all().map(toStored);
  }

  /** The expected outcome as stored: what the UI and the checker read. */
  expectations(id: string, version: number): StoredExpectation[] {
    return this.expectationRows.all(id, version).map((r) => {
      const expectation = JSON.parse(r.definition_json) as Expectation;
      // The type column serves SQL queries; here it is read from the definition, its source.
      return { position: r.position, type: expectationType(expectation), expectation };
    });
  }
}

function toStored(row: ScenarioRow): StoredScenario {
  return {
    id: row.id,
    version: row.version,
    contentHash: row.content_hash,
    doc: JSON.parse(row.document_json) as ScenarioDocument,
    manifests: JSON.parse(row.manifests_json) as Record<string, string>,
    params: JSON.parse(row.params_json) as Record<string, number>,
  };
}
