// SPDX-License-Identifier: Apache-2.0
// Runs, their verdicts, and the learner's progress per scenario.
import type { ContainerLog, ManifestEdit, ProgressStatus, RunStatus, RunSummary } from '@contract/dto';
import type { Verdict } from '@contract/verdict';
import type { Db } from './db';
import { currentOwner, ownerAlive } from '../util/process-identity';

export type { RunStatus };

/** A run as stored: what the UI lists, plus the params and manifests it ran with. */
export interface RunRecord extends RunSummary {
  params: Record<string, number>;
  manifests: Record<string, string>;
}

export type { ProgressStatus };

interface RunRow {
  id: string;
  scenario_id: string;
  scenario_version: number;
  namespace: string;
  cluster: string;
  server_version: string | null;
  started_at: string;
  ended_at: string | null;
  status: RunStatus;
  error: string | null;
  params_json: string;
  manifests_json: string;
  edits_json: string;
  owner: string;
}

export class RunRepo {
  private readonly insertRun;
  private readonly updateEnd;
  private readonly updateServer;
  private readonly selectOne;
  private readonly selectByStatus;
  private readonly selectForScenario;
  private readonly upsertVerdict;
  private readonly selectVerdicts;
  private readonly startProgress;
  private readonly endProgress;
  private readonly selectProgress;
  private readonly appendError;

  constructor(private readonly db: Db) {
    this.insertRun = db.prepare(
      `INSERT INTO runs (id, scenario_id, scenario_version, namespace, cluster, started_at, status, params_json, manifests_json, edits_json, owner)
       VALUES (@id, @scenarioId, @scenarioVersion, @namespace, @cluster, @startedAt, 'running', @params, @manifests, @edits, @owner)`,
    );
    this.updateEnd = db.prepare('UPDATE runs SET status = ?, ended_at = ?, error = ? WHERE id = ?');
    this.updateServer = db.prepare('UPDATE runs SET server_version = ? WHERE id = ?');
    this.appendError = db.prepare<[{ id: string; problem: string }]>(
      `UPDATE runs SET error = CASE WHEN error IS NULL OR error = '' THEN @problem ELSE error || '; ' || @problem END WHERE id = @id`,
    );
    this.selectOne = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?');
    this.selectByStatus = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE status = ? ORDER BY started_at');
    this.selectForScenario = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE scenario_id = ? ORDER BY started_at DESC');
    this.upsertVerdict = db.prepare(
      `INSERT INTO verdicts (run_id, expectation_id, state, window_lo, window_hi, decided_at, detail, detail_zh)
       VALUES (@runId, @id, @state, @lo, @hi, @decidedAt, @detail, @detailZh)
       ON CONFLICT (run_id, expectation_id) DO UPDATE SET state = excluded.state, window_lo = excluded.window_lo,
         window_hi = excluded.window_hi, decided_at = excluded.decided_at, detail = excluded.detail, detail_zh = excluded.detail_zh`,
    );
    this.selectVerdicts = db.prepare<[string], { expectation_id: string; state: Verdict['state']; window_lo: number | null; window_hi: number | null; decided_at: number | null; detail: string; detail_zh: string | null }>(
      'SELECT * FROM verdicts WHERE run_id = ? ORDER BY rowid',
    );
    // Progress never goes backwards: a start marks a lesson in progress only the first time, and
    // once passed it stays passed whatever a later run does.
    this.startProgress = db.prepare(
      `INSERT INTO progress (scenario_id, status, last_run_id, updated_at) VALUES (?, 'in-progress', ?, ?) ON CONFLICT (scenario_id) DO NOTHING`,
    );
    this.endProgress = db.prepare(
      `INSERT INTO progress (scenario_id, status, last_run_id, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (scenario_id) DO UPDATE SET status = excluded.status, last_run_id = excluded.last_run_id, updated_at = excluded.updated_at
       WHERE progress.status <> 'passed'`,
    );
    this.selectProgress = db.prepare<[], { scenario_id: string; status: ProgressStatus }>('SELECT scenario_id, status FROM progress');
  }

  /** A "what if" run (with edits) is history only: the lesson's progress counts the lesson as written. */
  create(r: Omit<RunRecord, 'status' | 'edits'> & { edits?: ManifestEdit[] }): void {
    const edits = r.edits ?? [];
    this.db.transaction(() => {
      this.insertRun.run({ ...r, params: JSON.stringify(r.params), manifests: JSON.stringify(r.manifests), edits: JSON.stringify(edits), owner: currentOwner() });
      if (!edits.length) this.startProgress.run(r.scenarioId, r.id, r.startedAt);
    })();
  }

  setServerVersion(id: string, version: string): void {
    this.updateServer.run(version, id);
  }

  finish(id: string, status: Exclude<RunStatus, 'running'>, error?: string, at = new Date()): void {
    this.db.transaction(() => {
      this.updateEnd.run(status, at.toISOString(), error ?? null, id);
      const run = this.get(id);
      if (!run || run.edits.length) return;
      // A stop, an error or an interruption says nothing of the lesson: progress stays.
      const progress = status === 'passed' ? 'passed' : status === 'failed' ? 'failed' : undefined;
      if (progress) this.endProgress.run(run.scenarioId, progress, id, at.toISOString());
    })();
  }

  /** A problem known after the run ended (its namespace stuck deleting): added to its error, its outcome kept. */
  addError(id: string, problem: string): void {
    this.appendError.run({ id, problem });
  }

  get(id: string): RunRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toRecord(row);
  }

  /** Runs left 'running' by a process that has died (not by one still at work): the crash-recovery sweep reads these. */
  unfinished(): RunRecord[] {
    return this.selectByStatus
      .all('running')
      .filter((r) => !ownerAlive(r.owner))
      .map(toRecord);
  }

  forScenario(scenarioId: string): RunRecord[] {
    return this.selectForScenario.all(scenarioId).map(toRecord);
  }

  saveVerdicts(runId: string, verdicts: Verdict[]): void {
    this.db.transaction(() => {
      for (const v of verdicts) {
        this.upsertVerdict.run({
          runId,
          id: v.expectationId,
          state: v.state,
          lo: v.window ? Math.round(v.window.lo) : null,
          hi: v.window ? Math.round(v.window.hi) : null,
          decidedAt: v.decidedAt === undefined ? null : Math.round(v.decidedAt),
          detail: v.detail,
          detailZh: v.detailZh ?? null,
        });
      }
    })();
  }

  verdicts(runId: string): Verdict[] {
    return this.selectVerdicts.all(runId).map((r) => ({
      expectationId: r.expectation_id,
      state: r.state,
      ...(r.window_lo !== null && r.window_hi !== null ? { window: { lo: r.window_lo, hi: r.window_hi } } : {}),
      ...(r.decided_at !== null ? { decidedAt: r.decided_at } : {}),
      detail: r.detail,
      ...(r.detail_zh !== null ? { detailZh: r.detail_zh } : {}),
    }));
  }

  saveLogs(runId: string, logs: ContainerLog[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO run_logs (run_id, pod, container, previous, text, error) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const l of logs) insert.run(runId, l.pod, l.container, l.previous ? 1 : 0, l.text, l.error ?? null);
    })();
  }

  logs(runId: string): ContainerLog[] {
    return this.db
      .prepare<[string], { pod: string; container: string; previous: number; text: string; error: string | null }>(
        'SELECT pod, container, previous, text, error FROM run_logs WHERE run_id = ? ORDER BY pod, container, previous DESC',
      )
      .all(runId)
      .map((r) => ({ pod: r.pod, container: r.container, previous: r.previous === 1, text: r.text, ...(r.error !== null ? { error: r.error } : {}) }));
  }

  saveAnswer(runId: string, about: string, answer: number, observed?: number): void {
    this.db
      .prepare('INSERT INTO answers (run_id, about, answer, observed, answered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET about = excluded.about, answer = excluded.answer, observed = excluded.observed')
      .run(runId, about, answer, observed ?? null, new Date().toISOString());
  }

  answer(runId: string): { about: string; answer: number; observed?: number } | undefined {
    const r = this.db.prepare<[string], { about: string; answer: number; observed: number | null }>('SELECT about, answer, observed FROM answers WHERE run_id = ?').get(runId);
    return r && { about: r.about, answer: r.answer, ...(r.observed !== null ? { observed: r.observed } : {}) };
  }

  progress(): Record<string, ProgressStatus> {
    return Object.fromEntries(this.selectProgress.all().map((r) => [r.scenario_id, r.status]));
  }
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    scenarioVersion: row.scenario_version,
    namespace: row.namespace,
    cluster: row.cluster,
    ...(row.server_version ? { serverVersion: row.server_version } : {}),
    startedAt: row.started_at,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    status: row.status,
    ...(row.error ? { error: row.error } : {}),
    params: JSON.parse(row.params_json) as Record<string, number>,
    manifests: JSON.parse(row.manifests_json) as Record<string, string>,
    edits: JSON.parse(row.edits_json) as ManifestEdit[],
  };
}
