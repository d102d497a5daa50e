// SPDX-License-Identifier: Apache-2.0
// Opens the lab database: refuses a file that is not a sound podlab database (empty, foreign, damaged,
// from a newer podlab), then WAL, foreign keys, and every pending migration in one transaction.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../util/errors';
import { refuseDb } from './db-refusal';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export function openDb(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  // better-sqlite3 would take a 0-byte file for a new database and write one into it.
  if (file !== ':memory:' && statSync(file, { throwIfNoEntry: false })?.size === 0) throw refuseDb(file, { problem: 'empty' });
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw refusalFor(file, e) ?? e;
  }
  try {
    checkSound(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations, file);
    return db;
  } catch (e) {
    db.close();
    throw refusalFor(file, e) ?? e;
  }
}

/**
 * Before anything writes: the whole file is read once (quick_check, ~3 ms per MB), so a damaged page is
 * found now, with the path and the fix, not in the middle of a run as a bare "disk image is malformed".
 */
function checkSound(db: Db, file: string): void {
  const check = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') throw refuseDb(file, { problem: 'corrupt', sqliteMessage: `quick_check: ${String(check).replace(/\s+/g, ' ').trim()}` });
  const version = db.pragma('user_version', { simple: true }) as number;
  const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  // Our migrations create the tables and set user_version in one transaction: tables without it are not ours.
  if (version === 0 && objects > 0) throw refuseDb(file, { problem: 'not-podlab' });
}

/** SQLite's failures that say something of the file, as a refusal naming it; others (a migration's SQL) stay as they are. */
function refusalFor(file: string, e: unknown): AppError | undefined {
  if (e instanceof AppError) return e;
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string') return undefined;
  const sqliteMessage = (e as Error).message;
  if (code === 'SQLITE_NOTADB') return refuseDb(file, { problem: 'not-sqlite' });
  if (code.startsWith('SQLITE_CORRUPT')) return refuseDb(file, { problem: 'corrupt', sqliteMessage }, e);
  if (CANNOT_OPEN.test(code)) return refuseDb(file, { problem: 'cannot-open', sqliteMessage }, e);
  return undefined;
}

const CANNOT_OPEN = /^SQLITE_(CANTOPEN|READONLY|PERM|AUTH|IOERR)/;

export function migrate(db: Db, migrations: readonly Migration[], file = 'in memory'): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new AppError('DB_MIGRATIONS_UNORDERED', `migration ${migrations[i]!.version} does not come after ${migrations[i - 1]!.version}`);
    }
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const pendingFrom = (current: number) => {
    if (current > latest) throw refuseDb(file, { problem: 'from-future', version: current, latest });
    return migrations.filter((m) => m.version > current);
  };
  if (!pendingFrom(db.pragma('user_version', { simple: true }) as number).length) return;
  // One transaction for all: a failure leaves the database exactly as it was. IMMEDIATE takes the
  // write lock before the version is read again, so two processes opening a new data folder at once
  // (the app and a CLI) migrate it once: the second waits (busy_timeout), then finds nothing to do.
  db.transaction(() => {
    for (const m of pendingFrom(db.pragma('user_version', { simple: true }) as number)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}
