// SPDX-License-Identifier: Apache-2.0
// The engine's public face: the CLI, the Electron shell and browser mode import this and the
// contract, nothing deeper (eslint.config.js fences it). Re-exports only: every module behind it
// is free of import-time side effects, so a bundler keeps only what a command uses.

// The app's API and how a client calls it
export { Engine } from './engine';
export { dispatch } from './api-dispatch';
export type { RunResult } from './run/run-scenario';
export type { LaunchedRun } from './run/run-service';
export { variationEdit, variationName } from './scenarios/variations';

// Lessons on disk
export { SCENARIO_FILE, findScenarioDirs, loadScenarioDir, loadScenarios } from './scenarios/loader';
export { loadCatalogue } from './scenarios/catalogue';
export { formatProblem, type ScenarioProblem } from './scenarios/scenario-error';
export { readScenarioFile } from './scenarios/scenario-files';

// Lab packs
export { buildPack } from './pack/pack-build';
export { packPaths } from './pack/pack-paths';
export { readPack } from './pack/pack-read';
export { summarize as summarizePack } from './pack/pack-service';

// print-pod: `kubectl get pod` columns for pods read from a file or stdin
export { POD_INPUT_LIMITS, readPods } from './observe/pod-input';
export { fileChunks, stdinChunks } from './observe/print/pod-source';
export { isRfc3339 } from './observe/print/pod-check';
export { PodJsonArray, PodTable } from './observe/print/pod-rows-out';
export { printPod } from './observe/print-pod';

// Settings, errors, logs, processes
export { SETTING_KEYS, isSettingKey } from './settings/settings-schema';
export { isDbRefusal } from './store/db-refusal';
export { AppError, errorMessage } from './util/errors';
export { createLineLogger, noopLogger, type Logger } from './util/log';
export type { Emitter } from './util/emitter';
export { ExecaRunner } from './util/exec';
