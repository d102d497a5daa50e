// SPDX-License-Identifier: Apache-2.0
// Prints the engine's figures: `npm run bench`.
import { benchCheckerCost } from './checker-cost';
import { benchStoreIngest } from './store-ingest';
import { benchTimelineModel } from './timeline-model';

const ingest = benchStoreIngest();
console.log(`store ingest: ${ingest.observationsPerSecond.toLocaleString('en')} observations/s (${ingest.n} in ${ingest.ms} ms, batched, WAL, real file)`);
const checker = await benchCheckerCost();
console.log(`checker: ${checker.microsecondsPerObservation} µs per observation (${checker.n} observations, ${checker.expectations} expectations)`);
const timeline = benchTimelineModel();
console.log(`timeline model: ${timeline.msPerBuild} ms per rebuild for ${timeline.observations} observations, ${timeline.events} of them events (${timeline.lanes} lanes)`);
