// SPDX-License-Identifier: Apache-2.0
// The ordered list of migrations; versions strictly increase, in steps of 10 (51 is off-step: it was
// numbered while other branches were adding migrations of their own, so theirs keep 60 and on).
import type { Database } from 'better-sqlite3';
import { updateToSchemaVersion10 } from './0010-initial';
import { updateToSchemaVersion20 } from './0020-run-logs';
import { updateToSchemaVersion30 } from './0030-run-owner';
import { updateToSchemaVersion40 } from './0040-settings';
import { updateToSchemaVersion50 } from './0050-run-edits';
import { updateToSchemaVersion51 } from './0051-verdict-detail-zh';

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
  { version: 51, up: updateToSchemaVersion51 },
];
