// SPDX-License-Identifier: Apache-2.0
// The lab's store: one database, its repositories, and the scenario import.
import type { LoadedScenario } from '@contract/scenario';
import { openDb, type Db } from './db';
import { ObservationRepo, type ObservationRepoOptions } from './observation-repo';
import { RunRepo } from './run-repo';
import { ScenarioRepo } from './scenario-repo';
import { SettingsRepo } from './settings-repo';

export class Store {
  readonly scenarios: ScenarioRepo;
  readonly runs: RunRepo;
  readonly observations: ObservationRepo;
  readonly settings: SettingsRepo;

  constructor(
    readonly db: Db,
    options: ObservationRepoOptions = {},
  ) {
    this.scenarios = new ScenarioRepo(db);
    this.runs = new RunRepo(db);
    this.observations = new ObservationRepo(db, options);
    this.settings = new SettingsRepo(db);
  }

  static open(file: string, options: ObservationRepoOptions = {}): Store {
    return new Store(openDb(file), options);
  }

  importScenarios(list: LoadedScenario[]): Array<{ id: string; version: number; created: boolean }> {
    return list.map((s) => ({ id: s.id, ...this.scenarios.import(s) }));
  }

  close(): void {
    this.observations.close();
    this.db.close();
  }
}
