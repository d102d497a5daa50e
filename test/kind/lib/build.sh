# shellcheck shell=bash
# Go builds for test/kind, all from the Go module proxy. Each is skipped when
# its output is already in the cache ($CACHE/bin/<tool>-<version>/). Each
# logs to $LOGS/build-<tool>.log.

# go_install_to DIR LOG PKG@VER... [-- extra go flags before the packages]
go_install_to() {
  local dir=$1 lf=$2; shift 2
  mkdir -p "$dir.tmp"
  run_logged "$lf" env GOBIN="$dir.tmp" GOFLAGS=-mod=mod go install -trimpath "$@" || return 1
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
}

build_kind() {
  [ -x "$KIND_BIN" ] && "$KIND_BIN" version 2>/dev/null | grep -q "kind $KIND_VERSION " && { log "kind $KIND_VERSION cached"; return 0; }
  CGO_ENABLED=0 go_install_to "$(dirname "$KIND_BIN")" "$LOGS/build-kind.log" -ldflags '-s -w' "sigs.k8s.io/kind@$KIND_VERSION"
  "$KIND_BIN" version >&2
}

# wrapper_build NAME DIR LOG "GO.MOD EXTRA LINES" OUTDIR BUILDFLAGS... -- PKGS...
# A throw-away main module that requires the real module and `go build`s its
# commands: needed when the module's go.mod has replace/exclude lines that make
# `go install pkg@version` refuse.
wrapper_build() {
  local name=$1 dir=$2 lf=$3 modlines=$4 out=$5; shift 5
  local flags=() pkgs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do flags+=("$1"); shift; done
  shift; pkgs=("$@")
  mkdir -p "$dir"
  (
    set -euo pipefail
    cd "$dir"
    export GOFLAGS=-mod=mod
    { echo "module local.test/${name}build"; echo; echo "go 1.24"; echo; printf '%s\n' "$modlines"; } >go.mod.want
    if ! cmp -s go.mod.want go.mod.seed 2>/dev/null || [ ! -f go.sum ]; then
      cp go.mod.want go.mod; cp go.mod.want go.mod.seed
      { echo '//go:build tools'; echo 'package tools'; echo 'import ('
        for p in "${pkgs[@]}"; do echo "	_ \"$p\""; done; echo ')'; } >tools.go
      go mod tidy
    fi
    rm -rf "$out.tmp"; mkdir -p "$out.tmp"
    go build -trimpath "${flags[@]}" -o "$out.tmp/" "${pkgs[@]}"
    rm -rf "$out"; mv "$out.tmp" "$out"
  ) >"$lf" 2>&1 || { echo "---- last 60 lines of $lf ----" >&2; tail -n 60 "$lf" >&2; return 1; }
}

build_containerd() {
  if [ -x "$CONTAINERD_BIN/containerd" ] && "$CONTAINERD_BIN/containerd" --version 2>/dev/null | grep -q " $CONTAINERD_VERSION "; then
    log "containerd $CONTAINERD_VERSION cached"; return 0
  fi
  local m=github.com/containerd/containerd/v2 v=$CONTAINERD_VERSION
  # containerd's go.mod excludes two pseudo-versions; a wrapper module must repeat that.
  CGO_ENABLED=0 wrapper_build containerd "$CACHE/build/containerd-$v" "$LOGS/build-containerd.log" \
    "require $m $v
exclude (
	github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc
	github.com/pmezard/go-difflib v1.0.1-0.20181226105442-5d4384ee4fb2
)" "$CONTAINERD_BIN" \
    -tags "no_aufs no_zfs no_btrfs no_devmapper" \
    -ldflags "-s -w -X $m/version.Version=$v -X $m/version.Revision=podlab -X $m/version.Package=github.com/containerd/containerd/v2" \
    -- "$m/cmd/containerd" "$m/cmd/ctr" "$m/cmd/containerd-shim-runc-v2"
  "$CONTAINERD_BIN/containerd" --version >&2
}

build_runc() {
  if [ -x "$RUNC_BIN" ] && "$RUNC_BIN" --version 2>/dev/null | grep -q "runc version ${RUNC_VERSION#v}"; then
    log "runc $RUNC_VERSION cached"; return 0
  fi
  # CGO + libseccomp (Debian libseccomp-dev), as upstream's `make runc`
  CGO_ENABLED=1 go_install_to "$(dirname "$RUNC_BIN")" "$LOGS/build-runc.log" -tags seccomp \
    -ldflags "-s -w -X main.version=${RUNC_VERSION#v} -X main.gitCommit=podlab" "github.com/opencontainers/runc@$RUNC_VERSION"
  "$RUNC_BIN" --version >&2
}

build_crictl() {
  if [ -x "$CRICTL_BIN" ] && "$CRICTL_BIN" --version 2>/dev/null | grep -q "$CRICTL_VERSION"; then
    log "crictl $CRICTL_VERSION cached"; return 0
  fi
  CGO_ENABLED=0 go_install_to "$(dirname "$CRICTL_BIN")" "$LOGS/build-crictl.log" \
    -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION" "sigs.k8s.io/cri-tools/cmd/crictl@$CRICTL_VERSION"
  "$CRICTL_BIN" --version >&2
}

build_cni() {
  local p ok=1 pk=()
  for p in "${CNI_PLUGINS[@]}"; do [ -x "$CNI_BIN/$p" ] || ok=0; done
  [ $ok = 1 ] && { log "CNI plugins $CNI_VERSION cached"; return 0; }
  local base=github.com/containernetworking/plugins/plugins
  for p in ipam/host-local main/loopback main/ptp main/bridge meta/portmap; do pk+=("$base/$p@$CNI_VERSION"); done
  CGO_ENABLED=0 go_install_to "$CNI_BIN" "$LOGS/build-cni.log" \
    -ldflags "-s -w -X github.com/containernetworking/plugins/pkg/utils/buildversion.BuildVersion=$CNI_VERSION" "${pk[@]}"
}

build_etcd() {
  if [ -x "$ETCD_BIN/etcd" ] && [ -x "$ETCD_BIN/etcdctl" ] && "$ETCD_BIN/etcd" --version 2>/dev/null | grep -q "etcd Version: ${ETCD_VERSION#v}"; then
    log "etcd $ETCD_VERSION cached"; return 0
  fi
  local v=$ETCD_VERSION
  # etcd's server module replaces its sibling modules with ../ paths: a wrapper
  # module requires them at the same version instead.
  CGO_ENABLED=0 wrapper_build etcd "$CACHE/build/etcd-$v" "$LOGS/build-etcd.log" \
    "require (
	go.etcd.io/etcd/server/v3 $v
	go.etcd.io/etcd/etcdctl/v3 $v
	go.etcd.io/etcd/api/v3 $v
	go.etcd.io/etcd/client/pkg/v3 $v
	go.etcd.io/etcd/client/v3 $v
	go.etcd.io/etcd/pkg/v3 $v
)" "$ETCD_BIN" \
    -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=podlab" \
    -- go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3
  # go build names .../server/v3 "server" (the element before the major version)
  [ -x "$ETCD_BIN/server" ] && mv -f "$ETCD_BIN/server" "$ETCD_BIN/etcd"
  [ -x "$ETCD_BIN/etcd" ] || die "etcd build produced: $(ls "$ETCD_BIN")"
  "$ETCD_BIN/etcd" --version >&2
}

# kubeadm v1.34.4: the test cluster's k8s.io/kubernetes wrapper module (its
# go.mod/go.sum, copied, never modified in place) plus cmd/kubeadm, with the
# same version ldflags as test/cluster/lib/build.sh. The other Kubernetes
# binaries come from the test cluster's cache ($TC_BIN).
build_kubeadm() {
  if [ -x "$KUBEADM_BIN" ] && "$KUBEADM_BIN" version -o short 2>/dev/null | grep -qx "$K8S_VERSION"; then
    log "kubeadm $K8S_VERSION cached"; return 0
  fi
  [ -f "$TC_K8S_BUILD/go.mod" ] && [ -f "$TC_K8S_BUILD/go.sum" ] ||
    die "the test cluster's wrapper module $TC_K8S_BUILD is missing: run test/cluster/up first"
  local dir=$CACHE/build/kubeadm-$K8S_VERSION v=${K8S_VERSION#v} minor ldf p bd out
  minor=$(echo "$v" | cut -d. -f2)
  out=$(dirname "$KUBEADM_BIN")
  mkdir -p "$dir"
  (
    set -euo pipefail
    cd "$dir"
    export GOFLAGS=-mod=mod CGO_ENABLED=0
    if ! cmp -s "$TC_K8S_BUILD/go.mod" go.mod.seed 2>/dev/null || [ ! -f go.sum ]; then
      cp "$TC_K8S_BUILD/go.mod" go.mod; cp "$TC_K8S_BUILD/go.mod" go.mod.seed; cp "$TC_K8S_BUILD/go.sum" go.sum
      printf '//go:build tools\npackage tools\nimport _ "k8s.io/kubernetes/cmd/kubeadm"\n' >tools.go
      go mod tidy
    fi
    bd=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    ldf="-s -w"
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldf="$ldf -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
      ldf="$ldf -X $p.gitCommit=0000000000000000000000000000000000000000 -X $p.gitTreeState=clean -X $p.buildDate=$bd"
    done
    rm -rf "$out.tmp"; mkdir -p "$out.tmp"
    go build -trimpath -tags selinux,notest,grpcnotrace -ldflags "$ldf" -o "$out.tmp/" k8s.io/kubernetes/cmd/kubeadm
    rm -rf "$out"; mv "$out.tmp" "$out"
  ) >"$LOGS/build-kubeadm.log" 2>&1 || { tail -n 60 "$LOGS/build-kubeadm.log" >&2; return 1; }
  "$KUBEADM_BIN" version -o short >&2
}

# The test cluster's v1.34.4 binaries that go into the node image / control-plane images.
tc_k8s_ready() {
  local b
  for b in kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubelet kubectl; do [ -x "$TC_BIN/$b" ] || return 1; done
  "$TC_BIN/kubelet" --version 2>/dev/null | grep -qx "Kubernetes $K8S_VERSION"
}
