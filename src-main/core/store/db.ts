// SPDX-License-Identifier: Apache-2.0
// Opens the lab database: WAL, foreign keys, then every pending migration in one transaction.
import Database from 'better-sqlite3';
import { AppError } from '../util/errors';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export function openDb(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new AppError('DB_MIGRATIONS_UNORDERED', `migration ${migrations[i]!.version} does not come after ${migrations[i - 1]!.version}`);
    }
  }
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new AppError(
      'DB_FROM_FUTURE',
      `the database is at schema version ${current}, newer than this podlab understands (${latest}); use a newer podlab or another data folder`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (!pending.length) return;
  // One transaction for all: a failure leaves the database exactly as it was.
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
}
