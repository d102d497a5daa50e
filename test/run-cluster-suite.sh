#!/usr/bin/env bash
# The real-cluster suite: starts the test cluster if needed, runs the integration tests and
# `podlab verify --all` against it, and stops the cluster again if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."

started_here=0
if ! test/cluster/status >/dev/null 2>&1; then
  echo "== starting the test cluster (test/cluster/up)"
  test/cluster/up
  started_here=1
fi
cleanup() {
  if [ "$started_here" = 1 ] && [ "${PODLAB_KEEP_CLUSTER:-0}" != 1 ]; then
    echo "== stopping the test cluster (test/cluster/down)"
    test/cluster/down || true
  fi
}
trap cleanup EXIT

export APP_KUBECONFIG
APP_KUBECONFIG=$(test/cluster/kubeconfig)
export APP_DATA_DIR
APP_DATA_DIR=$(mktemp -d /tmp/podlab-cluster-suite.XXXXXX)

echo "== integration tests against $APP_KUBECONFIG"
npx vitest run --project cluster

echo "== the journey in a real browser (browser mode, Debian's Chromium)"
npx electron-vite build >/dev/null
npx vitest run --project e2e

echo "== podlab verify --all"
# 10 at a time: with all 30 at once on 2 cores the kubelet's status writes lag the runtime by
# seconds, and a first-restart window (timed on RESTARTS) failed in CI; a learner runs one at a time.
node bin/podlab.js verify --all --parallel 10 --kubeconfig "$APP_KUBECONFIG"

echo "== the kind stage: podlab's own kind cluster on real kind and real Docker"
bash test/run-kind-suite.sh
