// SPDX-License-Identifier: Apache-2.0
// Why a database file is refused, in words for the learner: the path, what is wrong with it, and what to do.
// podlab never replaces or migrates a file it cannot vouch for: it may hold the only copy of someone's runs.
import { AppError } from '../util/errors';

export type DbRefusal =
  | { problem: 'empty' }
  | { problem: 'not-sqlite' }
  | { problem: 'not-podlab' }
  | { problem: 'corrupt'; sqliteMessage: string }
  | { problem: 'from-future'; version: number; latest: number }
  | { problem: 'cannot-open'; sqliteMessage: string };

/** What the CLI and the desktop app's dialog tell the learner to do (details.fix). */
const KEEP_AND_MOVE = 'move it aside to start afresh (your runs are in it, so keep the file)';
const MOVE_OR_OTHER_FOLDER = 'move it aside to start afresh, or use another data folder';

const WORDING: { [P in DbRefusal['problem']]: { code: string; problem: (r: Extract<DbRefusal, { problem: P }>) => string; fix: string } } = {
  empty: { code: 'DB_EMPTY', problem: () => 'is an empty file (0 bytes), not a podlab database', fix: 'move it aside or delete it to start afresh' },
  'not-sqlite': { code: 'DB_NOT_SQLITE', problem: () => 'is not an SQLite database, so podlab will not use or overwrite it', fix: MOVE_OR_OTHER_FOLDER },
  'not-podlab': {
    code: 'DB_NOT_PODLAB',
    problem: () => 'is an SQLite database of another program (tables but no podlab schema version), so podlab will not write into it',
    fix: MOVE_OR_OTHER_FOLDER,
  },
  corrupt: { code: 'DB_CORRUPT', problem: (r) => `is damaged (${r.sqliteMessage})`, fix: `${KEEP_AND_MOVE}; sqlite3's .recover may save them` },
  'from-future': {
    code: 'DB_FROM_FUTURE',
    problem: (r) => `is from a newer podlab (schema version ${r.version}; this podlab knows up to ${r.latest})`,
    fix: `open it with that newer podlab, or ${KEEP_AND_MOVE}`,
  },
  'cannot-open': { code: 'DB_OPEN_FAILED', problem: (r) => `cannot be opened (${r.sqliteMessage})`, fix: 'check that it is a file podlab may read and write' },
};

export interface DbRefusalDetails {
  file: string;
  problem: DbRefusal['problem'];
  /** what is wrong, and what to do, each on its own: the desktop app shows them apart */
  summary: string;
  fix: string;
}

export function refuseDb(file: string, refusal: DbRefusal, cause?: unknown): AppError {
  const wording = WORDING[refusal.problem] as { code: string; problem: (r: DbRefusal) => string; fix: string };
  const summary = `the database ${file} ${wording.problem(refusal)}`;
  const details: DbRefusalDetails = { file, problem: refusal.problem, summary, fix: wording.fix };
  return new AppError(wording.code, `${summary}: ${wording.fix}`, { cause, details });
}

export function isDbRefusal(e: unknown): e is AppError & { details: DbRefusalDetails } {
  if (!(e instanceof AppError) || !e.details || typeof e.details !== 'object') return false;
  const d = e.details as Partial<DbRefusalDetails>;
  return typeof d.file === 'string' && typeof d.summary === 'string' && typeof d.fix === 'string' && typeof d.problem === 'string' && d.problem in WORDING;
}
