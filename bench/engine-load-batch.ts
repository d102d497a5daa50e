// SPDX-License-Identifier: Apache-2.0
// One load batch of bench:engine, in a process of its own: BENCH_BATCH_LESSONS started all at once
// on KUBECONFIG's cluster, the figures sent to the parent. engine-runs.ts builds this file with the
// engine (as the CLI is built) and runs it in plain Node, so the figures are the shipped engine's.
import { measureLoad, type LoadFigures } from './engine-load';
import { openLessonRuns } from './lesson-runs';

const beforeEngineRss = process.memoryUsage().rss;
const { KUBECONFIG: kubeconfig, BENCH_BATCH_LESSONS: lessons, BENCH_SCENARIOS_DIR: scenariosDir } = process.env;
if (!kubeconfig || !lessons || !scenariosDir || !process.send) throw new Error('run by bench/engine-runs.ts, which sets KUBECONFIG, BENCH_BATCH_LESSONS and BENCH_SCENARIOS_DIR');
const api = await openLessonRuns(kubeconfig, scenariosDir);
const figures = await measureLoad(api, lessons.split(',')).finally(() => api.close());
process.send({ ...figures, beforeEngineRss } satisfies LoadFigures);
