// SPDX-License-Identifier: Apache-2.0
// Two processes opening a new data folder at once (the app and a CLI) migrate it once. CI saw the
// second fail with "table scenarios already exists": it had read the version before the first
// committed. Here another process holds the write lock mid-migration while this one migrates.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/store/db';

const dir = mkdtempSync(join(tmpdir(), 'podlab-migrate-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIGRATIONS = [{ version: 1, up: (db: Database.Database) => db.exec('CREATE TABLE t (x)') }];

/** Another podlab: takes the write lock, migrates, says so, and commits 1.5 s later. */
const OTHER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE');
db.exec('CREATE TABLE t (x)');
db.pragma('user_version = 1');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);
`;

it('waits for a migration in progress elsewhere, then finds nothing left to do', async () => {
  const file = join(dir, 'podlab.db');
  const other = spawn('node', ['-e', OTHER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => other.stdout.once('data', () => resolve()));
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  expect(() => migrate(db, MIGRATIONS, file)).not.toThrow();
  expect(db.pragma('user_version', { simple: true })).toBe(1);
  expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 1 });
  db.close();
  await new Promise((resolve) => other.on('exit', resolve));
});
