#!/usr/bin/env bash
# The kind stage of the real-cluster suite: podlab's own kind cluster, on real kind and a real
# Docker (test/kind: dockerd in its own network namespace, the offline node image). The Cluster
# panel creates it in a browser, `podlab cluster up` reuses it, `podlab verify --all` runs every
# lesson on it, `podlab cluster down` deletes it. Everything podlab runs goes through
# test/kind/in-netns, where the API server kind publishes on 127.0.0.1 is reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
# podlab manages this cluster itself: no kubeconfig from the host-process stage may leak in.
unset APP_KUBECONFIG KUBECONFIG

started_here=0
if ! test/kind/status >/dev/null 2>&1; then
  echo "== starting the kind harness (test/kind/up)"
  test/kind/up
  started_here=1
fi
in_netns() { test/kind/in-netns "$@"; }
cleanup() {
  local rc=$?
  in_netns node bin/podlab.js cluster down >/dev/null 2>&1 || true
  if [ "$started_here" = 1 ] && [ "${PODLAB_KEEP_CLUSTER:-0}" != 1 ]; then
    echo "== stopping the kind harness (test/kind/down)"
    test/kind/down || rc=1
  fi
  exit $rc
}
trap cleanup EXIT

eval "$(test/kind/env)"
export APP_DATA_DIR
APP_DATA_DIR=$(mktemp -d /tmp/podlab-kind-suite.XXXXXX)
t() { date +%s; }
# A cluster left by an earlier, interrupted run would turn Create into Reuse: start from none.
in_netns kind delete cluster --name podlab >/dev/null 2>&1 || true

[ -f out/renderer/index.html ] || npx electron-vite build >/dev/null
echo "== kind: the Cluster panel creates the cluster (browser mode, Debian's Chromium)"
t0=$(t)
in_netns npx vitest run --project kind
t1=$(t)

echo "== kind: podlab cluster up (reuses the cluster the panel made, and checks it)"
in_netns node bin/podlab.js cluster up --node-image "$PODLAB_KIND_NODE_IMAGE"
in_netns node bin/podlab.js cluster status

echo "== kind: podlab verify --all on the cluster podlab made"
t2=$(t)
# 10 at a time: 30 lessons at once on a 2-core machine made a container start take 5.6 s (runc
# under load) and one first-restart window fail in 1 of 3 runs; a learner runs one at a time.
in_netns node bin/podlab.js verify --all --parallel 10
t3=$(t)

echo "== kind: podlab cluster down"
in_netns node bin/podlab.js cluster down
left=$(in_netns docker ps -aq)
[ -z "$left" ] || { echo "containers left after cluster down: $left" >&2; exit 1; }
echo "kind stage: create from the panel $((t1 - t0)) s, verify --all $((t3 - t2)) s"

if test/cluster/status >/dev/null 2>&1; then
  echo "== the host-process test cluster still works beside it (test/cluster/selftest)"
  test/cluster/selftest
fi
