// SPDX-License-Identifier: Apache-2.0
// Setup and teardown of one run, split by the engine's own API requests (api-trace.ts) and the
// cluster's side (cluster-watch.ts): which wait costs what, with the number of polls behind it.
import type { ApiCall } from './api-trace';
import type { RunRecord } from './run-book';
import type { RunPhases } from './run-phases';

export interface RunEvidence {
  /** Run button → the runner's first request (GET /version): preflight (node list), kubeconfig */
  preflight: number;
  /** GET /version sent → POST namespace answered */
  namespace: number;
  /** namespace created → GET serviceaccounts/default answered 200 */
  serviceAccount: number;
  serviceAccountPolls: number;
  /** the controller-manager's ServiceAccount (seen by a watch) → the engine's poll that found it */
  serviceAccountPollLag?: number;
  /** ServiceAccount found → the last dry-run answered */
  dryRun: number;
  dryRuns: number;
  /** the last setup answer → the run clock (SQLite, hooks) */
  toClock: number;
  observerCalls: number;
  /** finish → the first teardown request (traffic and watches stopped) */
  stop: number;
  /** container logs, one request per container */
  logs: number;
  logCalls: number;
  /** the namespace read (ownership) and deleted */
  deleteNamespace: number;
  /** DELETE answered → run:ended; namespaceDeletionBlockers polls the namespace only after the end (a poll before it would be a regression) */
  blockerWait: number;
  blockerPolls: number;
  /** DELETE answered → the namespace controller's first report (conditions); did it say content remains */
  controllerFirstPass?: number;
  contentRemaining?: boolean;
  /** DELETE answered → the namespace gone */
  goneAfterDelete?: number;
  /** run:ended → the namespace really gone (nothing waits for it) */
  goneAfterEnd?: number;
  /** requests that opened a new TLS connection, of all requests */
  newConnections: number;
  requests: number;
  /** median time to a new connection's TLS handshake */
  handshake?: number;
}

export interface ClusterSide {
  serviceAccountAddedAt: Map<string, number>;
  namespaceGoneAt: Map<string, number>;
  namespaceFirstPass: Map<string, { at: number; contentRemaining: boolean }>;
}

export function runEvidence(run: RunRecord, phases: RunPhases, calls: ApiCall[], namespace: string, cluster: ClusterSide): RunEvidence {
  const mine = calls.filter((c) => c.sentAt >= run.requestedAt && c.sentAt <= run.endedAt!);
  const nsPath = `/api/v1/namespaces/${namespace}`;
  const version = mine.find((c) => c.path === '/version');
  const created = mine.find((c) => c.method === 'POST' && c.path === '/api/v1/namespaces');
  const saPolls = mine.filter((c) => c.path === `${nsPath}/serviceaccounts/default`);
  const saFound = saPolls.find((c) => c.status === 200);
  const dryRuns = mine.filter((c) => c.path.includes('dryRun=All'));
  const setupEnd = dryRuns.at(-1)?.answeredAt ?? saFound?.answeredAt ?? run.clockZero!;
  const afterFinish = mine.filter((c) => c.sentAt >= phases.finishAt);
  const logs = afterFinish.filter((c) => /\/pods\/[^/]+\/log\?/.test(c.path));
  const deleted = afterFinish.find((c) => c.method === 'DELETE' && c.path === nsPath);
  const blockerPolls = afterFinish.filter((c) => c.method === 'GET' && c.path === nsPath && deleted && c.sentAt >= deleted.answeredAt!);
  const firstTeardown = afterFinish.find((c) => c.path.startsWith(nsPath) && !c.path.includes('watch=true'));
  const saAdded = cluster.serviceAccountAddedAt.get(namespace);
  const gone = cluster.namespaceGoneAt.get(namespace);
  const firstPass = cluster.namespaceFirstPass.get(namespace);
  const deletedAt = deleted?.answeredAt;
  const handshakes = mine.filter((c) => c.connectedAt !== undefined).map((c) => c.connectedAt! - c.sentAt);
  const at = (t: number | undefined, fallback: number) => t ?? fallback;
  return {
    preflight: at(version?.sentAt, run.clockZero!) - run.requestedAt,
    namespace: at(created?.answeredAt, 0) - at(version?.sentAt, 0),
    serviceAccount: at(saFound?.answeredAt, 0) - at(created?.answeredAt, 0),
    serviceAccountPolls: saPolls.length,
    ...(saAdded !== undefined && saFound?.answeredAt ? { serviceAccountPollLag: saFound.answeredAt - saAdded } : {}),
    dryRun: at(dryRuns.at(-1)?.answeredAt, 0) - at(saFound?.answeredAt, 0),
    dryRuns: dryRuns.length,
    toClock: run.clockZero! - setupEnd,
    observerCalls: mine.filter((c) => c.sentAt >= run.clockZero! && c.sentAt <= run.firstStepStartedAt!).length,
    stop: at(firstTeardown?.sentAt, phases.finishAt) - phases.finishAt,
    logs: logs.length ? logs.at(-1)!.answeredAt! - logs[0]!.sentAt : 0,
    logCalls: logs.length,
    deleteNamespace: at(deleted?.answeredAt, 0) - at(logs.at(-1)?.answeredAt, at(firstTeardown?.sentAt, 0)),
    blockerWait: run.endedAt! - at(deleted?.answeredAt, run.endedAt!),
    blockerPolls: blockerPolls.length,
    ...(firstPass && deletedAt ? { controllerFirstPass: firstPass.at - deletedAt, contentRemaining: firstPass.contentRemaining } : {}),
    ...(gone !== undefined && deletedAt ? { goneAfterDelete: gone - deletedAt } : {}),
    ...(gone !== undefined ? { goneAfterEnd: gone - run.endedAt! } : {}),
    newConnections: handshakes.length,
    requests: mine.length,
    ...(handshakes.length ? { handshake: median(handshakes) } : {}),
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
