# shellcheck shell=bash
# Assemble the kind node image kindest/node:$K8S_VERSION-podlab offline, as a
# docker-archive tarball (no registry, no `kind build node-image`, which would
# `ctr content fetch` etcd/CoreDNS/pause/kindnetd). Needs: the Go builds of
# lib/build.sh, the test cluster's v1.34.4 binaries and its pause/CoreDNS
# image tarballs.
#
# The tarball is keyed by a hash of everything that goes into it (this file,
# test/kind/node/*, kind's base files, versions, the checksums of the binaries
# and of the preloaded image tarballs), so it is rebuilt only when one changes.

# shellcheck source=../../cluster/lib/images.sh
source "$KIND_DIR/../cluster/lib/images.sh"   # make_archive, debootstrap_rootfs, umount_under, DEBIAN_MIRROR
TC_IMAGE_RECIPE=$IMAGE_RECIPE
CP_RECIPE=cp2   # bump when a control-plane image recipe below changes
NODE_DEB_PACKAGES=systemd,conntrack,iptables,nftables,iproute2,ethtool,util-linux,mount,kmod,libseccomp2,pigz,bash,ca-certificates,curl,jq,procps

tc_image_tar() { echo "$TC_IMAGES_DIR/$1-$TC_IMAGE_RECIPE.tar"; }
sha12() { sha256sum "$@" | cut -c1-12; }

# Control-plane images (docker-archive tarballs in $KIND_IMAGES): name|key|builder|binary
cp_images() {
  printf '%s\n' \
    "registry.k8s.io/kube-apiserver:$K8S_VERSION|kube-apiserver|cpimg_static|$TC_BIN/kube-apiserver" \
    "registry.k8s.io/kube-controller-manager:$K8S_VERSION|kube-controller-manager|cpimg_static|$TC_BIN/kube-controller-manager" \
    "registry.k8s.io/kube-scheduler:$K8S_VERSION|kube-scheduler|cpimg_static|$TC_BIN/kube-scheduler" \
    "registry.k8s.io/kube-proxy:$K8S_VERSION|kube-proxy|cpimg_kube_proxy|$TC_BIN/kube-proxy" \
    "$ETCD_IMAGE|etcd|cpimg_etcd|$ETCD_BIN/etcd"
}
cp_image_tar() { # KEY BINARY
  echo "$KIND_IMAGES/$1-$K8S_VERSION-$CP_RECIPE-$(sha12 <"$2").tar"
}

# A tiny rootfs: the binary in /usr/local/bin, CA bundle, passwd, /tmp.
tiny_rootfs() { # DIR
  local r=$1
  mkdir -p "$r"/{usr/local/bin,etc/ssl/certs,tmp,var/run}
  chmod 1777 "$r/tmp"
  cp /etc/ssl/certs/ca-certificates.crt "$r/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
}
cpimg_static() { # NAME OUT BINARY
  local r b; r=$(mktemp -d "$KIND_IMAGES/.rootfs.XXXXXX"); b=$(basename "$3")
  tiny_rootfs "$r"; install -m755 "$3" "$r/usr/local/bin/$b"
  IMAGES_DIR=$KIND_IMAGES make_archive "$r" "$2" "$1" "{\"Env\":[\"$PATH_ENV\"],\"Entrypoint\":[\"/usr/local/bin/$b\"]}"
  rm -rf "$r"
}
cpimg_etcd() {
  local r; r=$(mktemp -d "$KIND_IMAGES/.rootfs.XXXXXX")
  tiny_rootfs "$r"; install -m755 "$ETCD_BIN/etcd" "$ETCD_BIN/etcdctl" "$r/usr/local/bin/"
  mkdir -p "$r/var/lib/etcd"
  IMAGES_DIR=$KIND_IMAGES make_archive "$r" "$2" "$1" "{\"Env\":[\"$PATH_ENV\"],\"Entrypoint\":[\"/usr/local/bin/etcd\"]}"
  rm -rf "$r"
}
# kube-proxy needs iptables/nftables/conntrack: Debian minbase with those
# (iptables-nft, Debian's default, as in the node and in the harness's dockerd).
cpimg_kube_proxy() {
  local r; r=$(mktemp -d "$KIND_IMAGES/.rootfs-kube-proxy.XXXXXX")
  CACHE=$CACHE LOGS=$LOGS debootstrap_rootfs "$r" iptables,nftables,conntrack,kmod
  # Like upstream's image (iptables-wrappers): use the iptables backend that the
  # node already uses (kind's entrypoint picks it the same way).
  install -m755 "$3" "$r/usr/local/bin/kube-proxy.bin"
  cat >"$r/usr/local/bin/kube-proxy" <<'EOT'
#!/bin/sh
# podlab stand-in: select iptables-legacy or -nft like iptables-wrappers, then run kube-proxy
l=$( (iptables-legacy-save; ip6tables-legacy-save) 2>/dev/null | grep -c '^-')
n=$( (iptables-nft-save; ip6tables-nft-save) 2>/dev/null | grep -c '^-')
mode=nft; [ "$l" -gt "$n" ] && mode=legacy
update-alternatives --set iptables /usr/sbin/iptables-$mode >/dev/null 2>&1
update-alternatives --set ip6tables /usr/sbin/ip6tables-$mode >/dev/null 2>&1
exec /usr/local/bin/kube-proxy.bin "$@"
EOT
  chmod 755 "$r/usr/local/bin/kube-proxy"
  slim_debian "$r"
  IMAGES_DIR=$KIND_IMAGES make_archive "$r" "$2" "$1" "{\"Env\":[\"$PATH_ENV\"],\"Entrypoint\":[\"/usr/local/bin/kube-proxy\"]}"
  rm -rf "$r"
}

build_cp_images() {
  mkdir -p "$KIND_IMAGES"
  local name key fn bin out
  while IFS='|' read -r name key fn bin; do
    [ -x "$bin" ] || die "missing $bin"
    out=$(cp_image_tar "$key" "$bin")
    [ -s "$out" ] && continue
    log "building image $name"
    rm -f "$KIND_IMAGES/$key-"*.tar
    "$fn" "$name" "$out" "$bin" || { echo "building image $name failed" >&2; return 1; }
  done < <(cp_images)
  local t
  for t in pause coredns; do
    [ -s "$(tc_image_tar $t)" ] || die "$(tc_image_tar $t) missing: the test cluster builds it (test/cluster/up)"
  done
}

# The tarballs preloaded into the node's containerd.
preload_tars() {
  local name key fn bin
  while IFS='|' read -r name key fn bin; do cp_image_tar "$key" "$bin"; done < <(cp_images)
  tc_image_tar pause; tc_image_tar coredns
}

# Binaries that go into the node rootfs: dest|source
node_binaries() {
  printf '%s\n' \
    "/usr/local/bin/containerd|$CONTAINERD_BIN/containerd" \
    "/usr/local/bin/ctr|$CONTAINERD_BIN/ctr" \
    "/usr/local/bin/containerd-shim-runc-v2|$CONTAINERD_BIN/containerd-shim-runc-v2" \
    "/usr/local/sbin/runc|$RUNC_BIN" \
    "/usr/local/bin/crictl|$CRICTL_BIN" \
    "/usr/bin/kubeadm|$KUBEADM_BIN" \
    "/usr/bin/kubelet|$TC_BIN/kubelet" \
    "/usr/bin/kubectl|$TC_BIN/kubectl"
  local p; for p in "${CNI_PLUGINS[@]}"; do echo "/opt/cni/bin/$p|$CNI_BIN/$p"; done
}

# Hash of every input of the node image.
node_recipe_hash() {
  {
    echo "$K8S_VERSION $KIND_VERSION $CONTAINERD_VERSION $RUNC_VERSION $CRICTL_VERSION $CNI_VERSION $ETCD_VERSION $NODE_DEB_PACKAGES $DEBIAN_SUITE"
    cat "$KIND_DIR/lib/nodeimage.sh"
    (cd "$KIND_DIR/node" && find . -type f | sort | xargs sha256sum)
    (cd "$KIND_MOD/images/base/files" && find . -type f | sort | xargs sha256sum)
    local d s; while IFS='|' read -r d s; do echo "$d $(sha256sum <"$s")"; done < <(node_binaries)
    preload_tars | while read -r t; do echo "$(basename "$t") $(stat -c %s "$t")"; done
  } | sha256sum | cut -c1-12
}
node_image_tar() { echo "$KIND_IMAGES/node-$K8S_VERSION-podlab-$1.tar"; }

# Import docker-archive tarballs into ROOTFS/var/lib/containerd (k8s.io
# namespace, pinned, not unpacked: the node's CRI unpacks on first use), with
# a throw-away containerd on its own socket (CRI off).
preload_images() { # ROOTFS TAR...
  local rootfs=$1; shift
  local w pid t rc=0
  w=$(mktemp -d /run/podlab-kind-preload.XXXXXX)
  cat >"$w/config.toml" <<EOT
version = 3
root = "$rootfs/var/lib/containerd"
state = "$w/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.images", "io.containerd.cri.v1.runtime", "io.containerd.podsandbox.controller.v1.podsandbox", "io.containerd.nri.v1.nri"]
[grpc]
  address = "$w/containerd.sock"
[ttrpc]
  address = "$w/containerd.sock.ttrpc"
EOT
  "$CONTAINERD_BIN/containerd" --config "$w/config.toml" >"$LOGS/preload-containerd.log" 2>&1 9>&- &
  pid=$!
  local i; for ((i = 0; i < 100; i++)); do [ -S "$w/containerd.sock" ] && break; sleep 0.1; done
  for t in "$@"; do
    log "preloading $(basename "$t")"
    "$CONTAINERD_BIN/ctr" --address "$w/containerd.sock" -n k8s.io images import \
      --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests - <"$t" >>"$LOGS/preload-ctr.log" 2>&1 || { rc=1; break; }
  done
  "$CONTAINERD_BIN/ctr" --address "$w/containerd.sock" -n k8s.io images ls -q >"$w/images" 2>/dev/null || rc=1
  kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  umount_under "$w"; umount_under "$rootfs/var/lib/containerd"
  [ $rc = 0 ] || { tail -n 20 "$LOGS/preload-ctr.log" "$LOGS/preload-containerd.log" >&2; rm -rf "$w"; return 1; }
  grep -v '@sha256:' "$w/images" | sed 's/^/  preloaded /' >&2
  rm -rf "$w"
}

build_node_image() {
  local hash out r f d s
  hash=$(node_recipe_hash)
  out=$(node_image_tar "$hash")
  if [ -s "$out" ]; then log "node image $NODE_IMAGE cached ($(basename "$out"))"; echo "$hash" | write_if_changed "$CACHE/node-image.hash" || true; return 0; fi
  log "assembling $NODE_IMAGE (recipe $hash)"
  mkdir -p "$KIND_IMAGES"
  r=$(mktemp -d "$KIND_IMAGES/.rootfs-node.XXXXXX")
  # 1. Debian bookworm minbase + the packages kind's base image installs
  #    (without fuse-overlayfs, nfs-common, open-iscsi: rootless and network
  #    storage are not used here).
  debootstrap_rootfs "$r" "$NODE_DEB_PACKAGES"
  # 2. kind's base-image files (from the kind module zip), as its Dockerfile COPYs them
  local B=$KIND_MOD/images/base/files
  install -m755 "$B"/usr/local/bin/* "$r/usr/local/bin/"
  mkdir -p "$r/kind/bin" "$r/kind/manifests" "$r/LICENSES"
  install -m644 "$B/kind/README.txt" "$r/kind/"
  install -m755 "$B"/kind/bin/* "$r/kind/bin/"
  install -m644 "$B"/LICENSES/* "$r/LICENSES/"
  install -m644 "$B/etc/crictl.yaml" "$r/etc/"
  mkdir -p "$r/etc/containerd" "$r/etc/sysctl.d" "$r/etc/systemd/system/kubelet.service.d"
  install -m644 "$B"/etc/default/* "$r/etc/default/"
  install -m644 "$B"/etc/sysctl.d/* "$r/etc/sysctl.d/"
  for f in "$B"/etc/systemd/system/*; do [ -f "$f" ] && install -m644 "$f" "$r/etc/systemd/system/"; done
  install -m644 "$B"/etc/systemd/system/kubelet.service.d/* "$r/etc/systemd/system/kubelet.service.d/"
  rm -f "$r/etc/systemd/system/containerd-fuse-overlayfs.service"
  # 3. our adaptations (see the comments in each file)
  install -m644 "$KIND_DIR/node/containerd-config.toml" "$r/etc/containerd/config.toml"
  for d in _default docker.io registry.k8s.io quay.io gcr.io ghcr.io; do
    install -D -m644 "$KIND_DIR/node/hosts.toml" "$r/etc/containerd/certs.d/$d/hosts.toml"
  done
  install -D -m644 "$KIND_DIR/node/containerd-no-proxy.conf" "$r/etc/systemd/system/containerd.service.d/10-podlab-no-proxy.conf"
  # the CNI config: installed into /etc/cni/net.d by default-cni.yaml's DaemonSet
  install -D -m644 "$KIND_DIR/node/10-podlab-ptp.conflist" "$r/kind/cni/10-podlab-ptp.conflist"
  mkdir -p "$r/etc/cni/net.d"
  install -m644 "$KIND_DIR/node/default-cni.yaml" "$KIND_DIR/node/default-storage.yaml" "$r/kind/manifests/"
  echo "$K8S_VERSION" >"$r/kind/version"
  # 4. binaries
  while IFS='|' read -r d s; do install -D -m755 "$s" "$r$d"; done < <(node_binaries)
  # 5. the Dockerfile's RUN steps, in a chroot
  chroot "$r" sh -euc '
    find /lib/systemd/system/sysinit.target.wants/ -name "systemd-tmpfiles-setup.service" -delete
    rm -f /lib/systemd/system/multi-user.target.wants/* /etc/systemd/system/*.wants/* \
      /lib/systemd/system/local-fs.target.wants/* /lib/systemd/system/sockets.target.wants/*udev* \
      /lib/systemd/system/sockets.target.wants/*initctl* /lib/systemd/system/basic.target.wants/*
    echo "ReadKMsg=no" >>/etc/systemd/journald.conf
    ln -sf "$(command -v systemd || echo /lib/systemd/systemd)" /sbin/init
    systemctl enable kubelet.service containerd.service undo-mount-hacks.service
    systemctl mask systemd-binfmt.service
    mkdir -p /etc/kubernetes/manifests
  ' >"$LOGS/node-image-chroot.log" 2>&1 || { cat "$LOGS/node-image-chroot.log" >&2; return 1; }
  # cri-base.json: containerd's default OCI spec + kind's product-files hook, no rlimits
  "$CONTAINERD_BIN/ctr" oci spec \
    | jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \
    | jq 'del(.process.rlimits)' >"$r/etc/containerd/cri-base.json"
  # 6. control-plane, pause and CoreDNS images into /var/lib/containerd
  mapfile -t tars < <(preload_tars)
  preload_images "$r" "${tars[@]}"
  slim_debian "$r"
  rm -f "$r/etc/machine-id" "$r/var/lib/dbus/machine-id"; : >"$r/etc/machine-id"
  # 7. one-layer docker-archive with the base image's metadata
  IMAGES_DIR=$KIND_IMAGES make_archive "$r" "$out.part" "$NODE_IMAGE" \
    "{\"Env\":[\"$PATH_ENV\",\"container=docker\"],\"Entrypoint\":[\"/usr/local/bin/entrypoint\",\"/sbin/init\"],\"StopSignal\":\"SIGRTMIN+3\",\"Labels\":{\"org.podlab.recipe\":\"$hash\",\"org.podlab.stand-in\":\"test-only kind node image assembled offline by test/kind\"}}"
  umount_under "$r"; rm -rf --one-file-system "$r"
  rm -f "$KIND_IMAGES"/node-"$K8S_VERSION"-podlab-*.tar   # older recipes
  mv -f "$out.part" "$out"
  echo "$hash" | write_if_changed "$CACHE/node-image.hash" || true
  log "node image tarball $out ($(du -h "$out" | cut -f1))"
}
