# shellcheck shell=bash
# Build steps for binaries that do not come from Debian. Each one is skipped
# when its output is already in the cache ($CACHE/bin/...).

K8S_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubelet kubectl)

k8s_built() {
  local b
  for b in "${K8S_BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
  "$BIN/kubelet" --version 2>/dev/null | grep -qx "Kubernetes $K8S_VERSION"
}

# Kubernetes from the Go module proxy via a wrapper module (k8s.io/kubernetes
# cannot be `go install`ed: its go.mod replaces the staging modules with
# ./staging paths that are not in the module zip).
build_k8s() {
  if k8s_built; then log "kubernetes $K8S_VERSION binaries cached in $BIN"; return 0; fi
  local v=${K8S_VERSION#v} minor stg dir modfile staging m
  minor=$(echo "$v" | cut -d. -f2)
  stg=v0.${v#1.}
  dir=$CACHE/build/k8s-$K8S_VERSION
  mkdir -p "$dir" "$LOGS"
  (
    set -euo pipefail
    cd "$dir"
    export GOFLAGS=-mod=mod CGO_ENABLED=0
    log "downloading k8s.io/kubernetes@$K8S_VERSION from the Go module proxy"
    go mod download -json "k8s.io/kubernetes@$K8S_VERSION" >k8s.json
    modfile=$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$K8S_VERSION.mod
    staging=$(sed -n 's|^[[:space:]]*\(k8s.io/[^ ]*\) => ./staging/src/.*|\1|p' "$modfile")
    [ -n "$staging" ] || { echo "no staging replace lines in $modfile" >&2; exit 1; }
    if [ ! -f go.sum ] || ! grep -q "k8s.io/kubernetes $K8S_VERSION" go.mod 2>/dev/null; then
      { echo "module local.test/k8sbuild"; echo; grep -m1 '^go ' "$modfile"; grep -m1 '^godebug' "$modfile" || true; } >go.mod
      for m in $staging; do go mod edit "-replace=$m=$m@$stg"; done
      go mod edit "-require=k8s.io/kubernetes@$K8S_VERSION"
      {
        echo '//go:build tools'
        echo 'package tools'
        echo 'import ('
        for b in "${K8S_BINARIES[@]}"; do echo "	_ \"k8s.io/kubernetes/cmd/$b\""; done
        echo ')'
      } >tools.go
      log "go mod tidy (resolving $(echo "$staging" | wc -w) staging modules at $stg)"
      go mod tidy
    fi
    local ldf="-s -w" p bd
    bd=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldf="$ldf -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
      ldf="$ldf -X $p.gitCommit=0000000000000000000000000000000000000000 -X $p.gitTreeState=clean -X $p.buildDate=$bd"
    done
    rm -rf bin "$BIN.tmp"; mkdir -p "$BIN.tmp"
    local pkgs=()
    for b in "${K8S_BINARIES[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
    log "go build ${K8S_BINARIES[*]} (cold: 20-45 min on 2 cores; log: $LOGS/build-k8s.log)"
    go build -trimpath -tags selinux,notest,grpcnotrace -ldflags "$ldf" -o "$BIN.tmp/" "${pkgs[@]}"
    rm -rf "$BIN"; mv "$BIN.tmp" "$BIN"
  ) >>"$LOGS/build-k8s.log" 2>&1 || { tail -n 60 "$LOGS/build-k8s.log" >&2; return 1; }
  k8s_built || { echo "built kubelet does not report $K8S_VERSION" >&2; return 1; }
  log "$("$BIN/kubelet" --version)"
}

build_coredns() {
  if [ -x "$COREDNS_BIN" ] && "$COREDNS_BIN" -version 2>/dev/null | grep -q "CoreDNS-${COREDNS_VERSION#v}"; then
    log "coredns $COREDNS_VERSION cached"; return 0
  fi
  local d; d=$(dirname "$COREDNS_BIN")
  mkdir -p "$d"
  # CoreDNS's go.mod has no replace directives, so plain `go install` works.
  run_logged "$LOGS/build-coredns.log" env CGO_ENABLED=0 GOFLAGS=-mod=mod GOBIN="$d" \
    go install -trimpath -ldflags '-s -w' "github.com/coredns/coredns@$COREDNS_VERSION"
  "$COREDNS_BIN" -version >&2
}

# pause, compiled from upstream's build/pause/linux/pause.c which ships in the
# k8s.io/kubernetes module zip (same flags as upstream's Makefile).
build_pause() {
  if [ -x "$PAUSE_BIN" ]; then log "pause cached"; return 0; fi
  local src
  src=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')/build/pause/linux/pause.c
  [ -f "$src" ] || { echo "pause.c not found at $src" >&2; return 1; }
  mkdir -p "$(dirname "$PAUSE_BIN")"
  gcc -Os -Wall -Werror -static -DVERSION="3.10.1-podlab-$K8S_VERSION" -o "$PAUSE_BIN.tmp" "$src"
  strip "$PAUSE_BIN.tmp"
  mv "$PAUSE_BIN.tmp" "$PAUSE_BIN"
}
