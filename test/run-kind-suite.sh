#!/usr/bin/env bash
# The kind stage of the real-cluster suite: podlab's own kind cluster, on real kind and a real
# Docker (test/kind: dockerd in its own network namespace, the offline node image). The Cluster
# panel creates it in a browser, `podlab cluster up` reuses it, `podlab verify --all` runs every
# lesson on it, `podlab cluster down` deletes it. Everything podlab runs goes through
# test/kind/in-netns, where the API server kind publishes on 127.0.0.1 is reachable. Then a lab pack
# is built from the local images, Docker is emptied, and the pack alone brings the lab back (refusing
# damaged copies first): every lesson passes on that cluster with no image pulled.
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
in_netns npx vitest run --project kind test/e2e/cluster-panel.kind.ts
t1=$(t)

echo "== kind: podlab cluster up (reuses the cluster the panel made, and checks it)"
in_netns node bin/podlab.js cluster up --node-image "$PODLAB_KIND_NODE_IMAGE"
in_netns node bin/podlab.js cluster status
echo "== kind: podlab cluster down"
in_netns node bin/podlab.js cluster down
left=$(in_netns docker ps -aq)
[ -z "$left" ] || { echo "containers left after cluster down: $left" >&2; exit 1; }

echo "== lab pack: podlab pack build, from the images in the local Docker"
work=$(mktemp -d /tmp/podlab-pack-suite.XXXXXX)
pack=$work/podlab-pack.tgz
t2=$(t)
node bin/podlab.js pack build --out "$pack" --kind "$(command -v kind)" --node-image "$PODLAB_KIND_NODE_IMAGE"
t3=$(t)
# Two damaged copies: one byte flipped in the middle (the Cluster panel must refuse it), and cut short.
node -e 'const fs=require("fs");const b=fs.readFileSync(process.argv[1]);b[b.length>>1]^=1;fs.writeFileSync(process.argv[2],b)' "$pack" "$work/flipped.tgz"
head -c $(( $(stat -c %s "$pack") * 2 / 3 )) "$pack" >"$work/truncated.tgz"

echo "== lab pack: a fresh machine — no kind cluster, no image in Docker, a new data folder"
# shellcheck disable=SC2046 # one ID per word
in_netns docker rmi -f $(in_netns docker images -q | sort -u) >/dev/null
[ -z "$(in_netns docker images -q)" ] || { echo "Docker still has images" >&2; exit 1; }
APP_DATA_DIR=$(mktemp -d /tmp/podlab-pack-data.XXXXXX)

echo "== lab pack: a truncated pack is refused, and nothing of it is installed"
if in_netns node bin/podlab.js pack import "$work/truncated.tgz" >"$work/truncated.log" 2>&1; then
  echo "a truncated pack was imported" >&2; exit 1
fi
grep -q 'truncated' "$work/truncated.log" || { cat "$work/truncated.log" >&2; exit 1; }
[ ! -e "$APP_DATA_DIR/bin/kind" ] && [ ! -e "$APP_DATA_DIR/pack/installed.json" ] && [ -z "$(in_netns docker images -q)" ] \
  || { echo "the truncated pack left something installed" >&2; exit 1; }
[ -z "$(ls -A "$APP_DATA_DIR/pack")" ] || { echo "staging left in $APP_DATA_DIR/pack" >&2; exit 1; }

echo "== lab pack: the Cluster panel refuses the flipped copy, then imports the pack (browser mode)"
t4=$(t)
PODLAB_TEST_PACK=$pack PODLAB_TEST_BAD_PACK=$work/flipped.tgz in_netns npx vitest run --project kind test/e2e/pack-import.kind.ts
t5=$(t)

echo "== lab pack: podlab pack import again skips every part already there"
in_netns node bin/podlab.js pack import "$pack" | tee "$work/again.log"
for step in kind 'node image' 'workload images' lessons; do
  grep -q "= $step: .*(skipped)" "$work/again.log" || { echo "the second import did not skip $step" >&2; exit 1; }
done
in_netns node bin/podlab.js pack status

echo "== lab pack: the node reaches no registry (podlab's _default hosts.toml), and says so at once"
t_pull=$(date +%s%N)
if in_netns docker exec podlab-control-plane crictl pull registry.example.org/podlab/none:1 >"$work/pull.log" 2>&1; then
  echo "a pull from a registry reached it" >&2; exit 1
fi
grep -q '127.0.0.1:9.*connection refused' "$work/pull.log" || { cat "$work/pull.log" >&2; exit 1; }
echo "pull refused in $(( ($(date +%s%N) - t_pull) / 1000000 )) ms: $(tail -1 "$work/pull.log" | cut -c1-160)"

echo "== lab pack: podlab verify --all on the cluster the pack made, with zero pulls"
t6=$(t)
# 10 at a time: 30 lessons at once on a 2-core machine made a container start take 5.6 s (runc
# under load) and one first-restart window fail in 1 of 3 runs; a learner runs one at a time.
in_netns node bin/podlab.js verify --all --parallel 10
t7=$(t)
npx tsx test/pack/assert-no-pulls.ts "$APP_DATA_DIR"

echo "== kind: podlab cluster down"
in_netns node bin/podlab.js cluster down
left=$(in_netns docker ps -aq)
[ -z "$left" ] || { echo "containers left after cluster down: $left" >&2; exit 1; }
rm -rf "$work"
echo "kind stage: create from the panel $((t1 - t0)) s, pack build $((t3 - t2)) s, import from the panel $((t5 - t4)) s, verify --all $((t7 - t6)) s"

if test/cluster/status >/dev/null 2>&1; then
  echo "== the host-process test cluster still works beside it (test/cluster/selftest)"
  test/cluster/selftest
fi
