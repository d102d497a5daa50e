// SPDX-License-Identifier: Apache-2.0
// A file podlab cannot vouch for is refused with its path and what to do, and left byte for byte as it was;
// a data folder without a database still gets a new one. Real SQLite files throughout.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/core/store/db';
import { isDbRefusal } from '../../../src-main/core/store/db-refusal';
import { MIGRATIONS } from '../../../src-main/core/store/migrations';
import { Store } from '../../../src-main/core/store/store';
import { AppError, errorMessage } from '../../../src-main/core/util/errors';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-db-refusal-'));
  file = join(dir, 'podlab.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LATEST = MIGRATIONS.at(-1)!.version;

/** A real podlab database with some rows, so that damage lands on pages that hold data. */
function makePodlabDb(path: string): void {
  const store = Store.open(path);
  const insert = store.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
  for (let i = 0; i < 200; i++) insert.run(`filler.${i}`, JSON.stringify('y'.repeat(500)), '2026-01-01T00:00:00Z');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

function refusalOf(path: string): AppError {
  let caught: unknown;
  try {
    openDb(path).close();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'openDb refused the file').toBeInstanceOf(AppError);
  return caught as AppError;
}

describe('a new data folder', () => {
  it('creates the database when there is no file', () => {
    const db = openDb(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    db.close();
  });
});

describe('files podlab refuses, untouched', () => {
  const cases: Array<{ name: string; make: () => void; code: string; message: string }> = [
    {
      name: 'a 0-byte file',
      make: () => writeFileSync(file, ''),
      code: 'DB_EMPTY',
      message: `the database ${'{file}'} is an empty file (0 bytes), not a podlab database: move it aside or delete it to start afresh`,
    },
    {
      name: 'a file that is not SQLite',
      make: () => writeFileSync(file, 'apiVersion: v1\nkind: Pod\n'.repeat(200)),
      code: 'DB_NOT_SQLITE',
      message: 'the database {file} is not an SQLite database, so podlab will not use or overwrite it: move it aside to start afresh, or use another data folder',
    },
    {
      name: "another program's SQLite database",
      make: () => {
        const other = new Database(file);
        other.exec('CREATE TABLE contacts (name TEXT)');
        other.close();
      },
      code: 'DB_NOT_PODLAB',
      message:
        'the database {file} is an SQLite database of another program (tables but no podlab schema version), so podlab will not write into it: move it aside to start afresh, or use another data folder',
    },
    {
      name: 'a truncated podlab database',
      make: () => {
        makePodlabDb(file);
        truncateSync(file, 8192);
      },
      code: 'DB_CORRUPT',
      message: "the database {file} is damaged (database disk image is malformed): move it aside to start afresh (your runs are in it, so keep the file); sqlite3's .recover may save them",
    },
    {
      name: 'a podlab database from a newer podlab',
      make: () => {
        makePodlabDb(file);
        const raw = new Database(file);
        raw.pragma('user_version = 9990');
        raw.close();
      },
      code: 'DB_FROM_FUTURE',
      message: `the database {file} is from a newer podlab (schema version 9990; this podlab knows up to ${LATEST}): open it with that newer podlab, or move it aside to start afresh (your runs are in it, so keep the file)`,
    },
  ];

  it.each(cases)('$name', ({ make, code, message }) => {
    make();
    const before = readFileSync(file);
    const e = refusalOf(file);
    expect(e.code).toBe(code);
    expect(errorMessage(e)).toBe(message.replace('{file}', file));
    expect(isDbRefusal(e) && e.details.file).toBe(file);
    expect(readFileSync(file).equals(before), 'the file is byte for byte as it was').toBe(true);
  });

  it('a damaged page deep inside, found at open rather than in the middle of a run', () => {
    makePodlabDb(file);
    const bytes = readFileSync(file);
    // Page 1 (header and schema) stays intact, so SQLite opens the file and reads its version happily.
    bytes.fill(0xa5, 4096 * 4, 4096 * 6);
    writeFileSync(file, bytes);
    const e = refusalOf(file);
    expect(e.code).toBe('DB_CORRUPT');
    expect(errorMessage(e)).toMatch(new RegExp(`^the database ${file} is damaged \\(quick_check: .+\\): move it aside to start afresh \\(your runs are in it, so keep the file\\)`));
  });

  it('a folder where the file should be', () => {
    mkdirSync(file);
    const e = refusalOf(file);
    expect(e.code).toBe('DB_OPEN_FAILED');
    expect(errorMessage(e)).toBe(`the database ${file} cannot be opened (unable to open database file): check that it is a file podlab may read and write`);
  });
});
