// SPDX-License-Identifier: Apache-2.0
// Settings in SQLite: one row per key that differs from its default, every value schema-checked.
import type { AppSettings, SettingChange, SettingKey } from '@contract/settings';
import { defaultSettings, isSettingKey, SETTING_SCHEMAS } from '../settings/settings-schema';
import { AppError } from '../util/errors';
import type { Db } from './db';

export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get(): AppSettings {
    const settings = defaultSettings();
    const rows = this.db.prepare(`SELECT key, value FROM settings`).all() as Array<{ key: string; value: string }>;
    for (const { key, value } of rows) {
      // A row this podlab does not know, or cannot read, keeps the default rather than breaking the app.
      if (!isSettingKey(key)) continue;
      const parsed = SETTING_SCHEMAS[key].safeParse(safeJson(value));
      if (parsed.success) assign(settings, key, parsed.data);
    }
    return settings;
  }

  /** Validates every change first, then writes them all in one transaction: none or all. */
  update(changes: readonly SettingChange[]): AppSettings {
    const checked = changes.map(({ key, value }) => {
      if (!isSettingKey(key)) throw new AppError('SETTING_UNKNOWN', `no setting "${String(key)}"`);
      if (value === null) return { key, value: null };
      const parsed = SETTING_SCHEMAS[key].safeParse(value);
      if (!parsed.success) throw new AppError('SETTING_INVALID', `${key}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      return { key, value: parsed.data as unknown };
    });
    const upsert = this.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    const remove = this.db.prepare(`DELETE FROM settings WHERE key = ?`);
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const c of checked) {
        if (c.value === null) remove.run(c.key);
        else upsert.run(c.key, JSON.stringify(c.value), now);
      }
    })();
    return this.get();
  }
}

function assign(settings: AppSettings, key: SettingKey, value: unknown): void {
  const [section, field] = key.split('.') as ['cluster', keyof AppSettings['cluster']];
  (settings[section] as unknown as Record<string, unknown>)[field] = value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
