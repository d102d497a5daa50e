// SPDX-License-Identifier: Apache-2.0
// The ordered list of migrations; versions strictly increase, in steps of 10.
import type { Database } from 'better-sqlite3';
import { updateToSchemaVersion10 } from './0010-initial';
import { updateToSchemaVersion20 } from './0020-run-logs';
import { updateToSchemaVersion30 } from './0030-run-owner';
import { updateToSchemaVersion40 } from './0040-settings';
import { updateToSchemaVersion50 } from './0050-run-edits';

export interface Migration {
  version: number;
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, up: updateToSchemaVersion10 },
  { version: 20, up: updateToSchemaVersion20 },
  { version: 30, up: updateToSchemaVersion30 },
  { version: 40, up: updateToSchemaVersion40 },
  { version: 50, up: updateToSchemaVersion50 },
];
