// SPDX-License-Identifier: Apache-2.0
// `podlab settings [list] | set KEY VALUE | unset KEY`: the app's settings, kept in its database.
import { parseRegistryMirrors, type SettingChange } from '@contract/settings';
import { errorMessage, isSettingKey, SETTING_KEYS, type Engine } from '../../core';
import type { CliIo } from '../io';

const USAGE = `usage: podlab settings [list] | set KEY VALUE | unset KEY
keys: ${SETTING_KEYS.join(', ')}
cluster.registryMirrors takes REGISTRY=URL[,REGISTRY=URL...], e.g. docker.io=https://mirror.example.com`;

export async function settingsCommand(io: CliIo, engine: Engine, action: string | undefined, args: string[]): Promise<number> {
  if (action === undefined || action === 'list') {
    const s = await engine.getSettings();
    for (const [field, value] of Object.entries(s.cluster)) io.out(`cluster.${field} = ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    return 0;
  }
  const [key, value] = args;
  if ((action !== 'set' && action !== 'unset') || !key || (action === 'set' && value === undefined)) {
    io.err(USAGE);
    return 2;
  }
  if (!isSettingKey(key)) {
    io.err(`no setting "${key}"\n${USAGE}`);
    return 2;
  }
  let change: SettingChange;
  try {
    change = { key, value: action === 'unset' ? null : key === 'cluster.registryMirrors' ? parseRegistryMirrors(value!) : value! };
    await engine.updateSettings({ changes: [change] });
  } catch (e) {
    io.err(errorMessage(e));
    return 2;
  }
  io.out(action === 'unset' ? `${key} is back to its default` : `${key} set`);
  return 0;
}
