# shellcheck shell=bash
# Build the cluster's images as docker-archive tarballs (no registry, no
# dockerd) and import them into containerd's k8s.io namespace.
#
# Stand-ins for the workload images are made from Debian packages; they are
# for the podlab test suite only (users of podlab run the real images).

IMAGE_RECIPE=r7     # bump when a recipe below changes: cached tarballs are keyed by it
DEBIAN_MIRROR=${PODLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SUITE=bookworm

# name|tarball-key|builder
IMAGE_LIST=(
  "$PAUSE_IMAGE|pause|img_pause"
  "$COREDNS_IMAGE|coredns|img_coredns"
  "docker.io/library/busybox:1.28|busybox-1.28|img_busybox"
  "docker.io/library/busybox:1.36|busybox-1.36|img_busybox"
  "docker.io/library/alpine:3.20|alpine-3.20|img_alpine"
  "docker.io/library/nginx:1.27.5|nginx-1.27.5|img_nginx"
  "docker.io/library/redis:7.2|redis-7.2|img_redis"
)
WORKLOAD_IMAGES=(docker.io/library/nginx:1.27.5 docker.io/library/busybox:1.28 docker.io/library/busybox:1.36
  docker.io/library/alpine:3.20 docker.io/library/redis:7.2)
TOOLS_DEFAULT=(sh bash curl wget nginx pgrep ps killall nslookup redis-cli redis-server tail sleep cat)

image_tar() { echo "$IMAGES_DIR/$1-$IMAGE_RECIPE.tar"; }

json_array() { # json_array a b c -> ["a","b","c"]
  local out="[" sep="" x
  for x in "$@"; do x=${x//\\/\\\\}; x=${x//\"/\\\"}; out+="$sep\"$x\""; sep=","; done
  printf '%s]' "$out"
}

# make_archive ROOTFS OUT_TAR REPO_TAG CONFIG_JSON(the "config" object)
make_archive() {
  local rootfs=$1 out=$2 tag=$3 cfg=$4 w layer_sha cfg_sha
  w=$(mktemp -d "$IMAGES_DIR/.work.XXXXXX")
  tar --numeric-owner --sort=name -C "$rootfs" -cf "$w/layer.tar" .
  layer_sha=$(sha256sum "$w/layer.tar" | cut -d' ' -f1)
  mkdir "$w/$layer_sha"; mv "$w/layer.tar" "$w/$layer_sha/layer.tar"
  printf '{"architecture":"amd64","os":"linux","created":"%s","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"%s","created_by":"podlab test/cluster/images %s (test-only stand-in)"}]}' \
    "$(date -u +%FT%TZ)" "$cfg" "$layer_sha" "$(date -u +%FT%TZ)" "$IMAGE_RECIPE" >"$w/config.json"
  cfg_sha=$(sha256sum "$w/config.json" | cut -d' ' -f1)
  mv "$w/config.json" "$w/$cfg_sha.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$cfg_sha" "$tag" "$layer_sha" >"$w/manifest.json"
  tar -C "$w" -cf "$out.tmp" manifest.json "$cfg_sha.json" "$layer_sha"
  mv -f "$out.tmp" "$out"
  rm -rf "$w"
}

PATH_ENV='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

img_pause() { # $1 tag $2 out
  local r; r=$(mktemp -d); install -m755 "$PAUSE_BIN" "$r/pause"
  make_archive "$r" "$2" "$1" '{"Entrypoint":["/pause"],"User":"65535:65535"}'
  rm -rf "$r"
}

img_coredns() {
  local r; r=$(mktemp -d)
  mkdir -p "$r/etc/ssl/certs" "$r/tmp"; chmod 1777 "$r/tmp"
  install -m755 "$COREDNS_BIN" "$r/coredns"
  make_archive "$r" "$2" "$1" '{"Entrypoint":["/coredns"],"User":"0:0","ExposedPorts":{"53/tcp":{},"53/udp":{}}}'
  rm -rf "$r"
}

# busybox for the images: built from Debian's busybox source package (trixie,
# 1.37.0; fetched with apt-get source through a private source list, the host's
# apt configuration is untouched) with upstream's defconfig, statically linked.
# Why not Debian's busybox-static binary: bookworm's 1.35 segfaults on `wget -T N`
# (exit 139), and Debian's build config leaves out pgrep/pkill, which lessons use.
# Two builds:
#   big   - defconfig (FEATURE_NSLOOKUP_BIG: own DNS client), like busybox >= 1.29:
#           used for busybox:1.36 and alpine:3.20
#   small - FEATURE_NSLOOKUP_BIG off: nslookup resolves through libc (search
#           domains, ndots) and prints "Address 1: ..." like busybox 1.28, which
#           is why Kubernetes' DNS docs use busybox:1.28: used for busybox:1.28
BUSYBOX_VERSION=1.37.0
BUSYBOX_BIN=$CACHE/bin/busybox-$BUSYBOX_VERSION/busybox
BUSYBOX_SMALL_BIN=$CACHE/bin/busybox-$BUSYBOX_VERSION/busybox-nslookup-small
build_busybox() {
  [ -x "$BUSYBOX_BIN" ] && [ -x "$BUSYBOX_SMALL_BIN" ] && return 0
  local d=$CACHE/debs/busybox-src o
  rm -rf "$d"; mkdir -p "$d/lists/partial"
  echo "deb-src $DEBIAN_MIRROR trixie main" >"$d/sources.list"
  o=(-o "Dir::Etc::sourcelist=$d/sources.list" -o Dir::Etc::sourceparts=/nonexistent
     -o "Dir::State::Lists=$d/lists" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  (
    set -e
    cd "$d"
    apt-get "${o[@]}" update
    apt-get "${o[@]}" source --download-only "busybox=1:$BUSYBOX_VERSION-*" || apt-get "${o[@]}" source --download-only busybox
    mkdir -p "$(dirname "$BUSYBOX_BIN")"
    for variant in big small; do
      rm -rf "busybox-$BUSYBOX_VERSION"
      tar xjf busybox_"$BUSYBOX_VERSION".orig.tar.bz2
      cd "busybox-$BUSYBOX_VERSION"
      make defconfig
      # static; tc does not compile against current kernel headers (CBQ removed)
      sed -i 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/; s/^CONFIG_TC=y/# CONFIG_TC is not set/' .config
      if [ $variant = small ]; then
        sed -i 's/^CONFIG_FEATURE_NSLOOKUP_BIG=y/# CONFIG_FEATURE_NSLOOKUP_BIG is not set/; s/^CONFIG_FEATURE_NSLOOKUP_LONG_OPTIONS=y/# CONFIG_FEATURE_NSLOOKUP_LONG_OPTIONS is not set/' .config
        yes '' | make oldconfig >/dev/null
      fi
      make -j"$(nproc)" busybox
      ./busybox --list | grep -qx pgrep
      if [ $variant = big ]; then install -m755 busybox "$BUSYBOX_BIN"; else install -m755 busybox "$BUSYBOX_SMALL_BIN"; fi
      cd ..
    done
  ) >"$LOGS/build-busybox.log" 2>&1 || { tail -n 40 "$LOGS/build-busybox.log" >&2; return 1; }
  rm -rf "$d"
}

# A busybox rootfs: every applet as /bin/<applet>.
busybox_rootfs() { # DIR [BINARY]
  local r=$1 bb=${2:-$BUSYBOX_BIN} a
  mkdir -p "$r"/{bin,etc,root,tmp,var/tmp,home,usr/bin,usr/sbin,sbin,dev,proc,sys}
  chmod 1777 "$r/tmp" "$r/var/tmp"; chmod 700 "$r/root"
  install -m755 "$bb" "$r/bin/busybox"
  for a in $("$bb" --list); do
    [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n' >"$r/etc/group"
  printf 'hosts: files dns\n' >"$r/etc/nsswitch.conf"
}

img_busybox() {
  local r bb=$BUSYBOX_BIN; r=$(mktemp -d)
  case $1 in *:1.28) bb=$BUSYBOX_SMALL_BIN ;; esac
  busybox_rootfs "$r" "$bb"
  make_archive "$r" "$2" "$1" "{\"Env\":[\"$PATH_ENV\"],\"Cmd\":[\"sh\"],\"Labels\":{\"org.podlab.stand-in\":\"test-only image: busybox 1.37.0 built from Debian source$( [ "$bb" = "$BUSYBOX_SMALL_BIN" ] && echo ', nslookup through libc like 1.28')\"}}"
  rm -rf "$r"
}

img_alpine() {
  local r; r=$(mktemp -d); busybox_rootfs "$r"
  echo "3.20.0" >"$r/etc/alpine-release"
  printf 'NAME="podlab alpine stand-in (busybox)"\nID=alpine\nVERSION_ID=3.20.0\n' >"$r/etc/os-release"
  make_archive "$r" "$2" "$1" "{\"Env\":[\"$PATH_ENV\"],\"Cmd\":[\"/bin/sh\"],\"Labels\":{\"org.podlab.stand-in\":\"test-only image: busybox 1.37.0 built from Debian source\"}}"
  rm -rf "$r"
}

# debootstrap_rootfs DIR PACKAGES : Debian bookworm minbase plus PACKAGES.
debootstrap_rootfs() {
  local r=$1 pkgs=$2
  mkdir -p "$CACHE/debs"
  run_logged "$LOGS/debootstrap-$(basename "$r").log" \
    debootstrap --variant=minbase --cache-dir="$CACHE/debs" --include="$pkgs" "$DEBIAN_SUITE" "$r" "$DEBIAN_MIRROR"
  # debootstrap can leave proc/sys mounted when interrupted; make sure nothing is mounted.
  umount_under "$r"
}

umount_under() {
  local m
  for m in $(findmnt -rn -o TARGET | grep -F "$1/" | sort -r); do umount -l "$m" 2>/dev/null || true; done
}

slim_debian() {
  local r=$1
  rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/*.deb \
    "$r"/usr/share/doc/* "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/var/log/*.log \
    "$r"/var/cache/debconf/*-old "$r"/var/lib/dpkg/*-old
  : >"$r/etc/resolv.conf"   # kubelet mounts its own; never keep the build host's resolver
  : >"$r/etc/hostname"
}

# Remove process tools the real images do not ship (the lessons rely on
# `pgrep nginx` failing in nginx:1.27.5).
purge_proc_tools() {
  local r=$1 p
  for p in procps psmisc; do
    if chroot "$r" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
      chroot "$r" env DEBIAN_FRONTEND=noninteractive dpkg --purge --force-depends "$p" >/dev/null
    fi
  done
  rm -f "$r"/usr/bin/{pgrep,pkill,ps,killall,top,pstree} "$r"/bin/{ps,killall}
}

img_nginx() {
  local r; r=$(mktemp -d "$IMAGES_DIR/.rootfs-nginx.XXXXXX")
  debootstrap_rootfs "$r" nginx-light,curl,ca-certificates
  purge_proc_tools "$r"
  chroot "$r" sh -c 'getent group nginx >/dev/null || groupadd --system --gid 101 nginx; getent passwd nginx >/dev/null || useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent --shell /bin/false nginx'
  rm -f "$r"/etc/nginx/sites-enabled/* 
  mkdir -p "$r/etc/nginx/conf.d" "$r/usr/share/nginx/html" "$r/docker-entrypoint.d" "$r/var/cache/nginx"
  cat >"$r/etc/nginx/nginx.conf" <<'EOF'
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;

include /etc/nginx/modules-enabled/*.conf;

events {
    worker_connections  1024;
}

http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    keepalive_timeout  65;

    include /etc/nginx/conf.d/*.conf;
}
EOF
  cat >"$r/etc/nginx/conf.d/default.conf" <<'EOF'
server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
EOF
  cat >"$r/usr/share/nginx/html/index.html" <<'EOF'
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. (podlab test stand-in image built from Debian's nginx-light.)</p>
</body>
</html>
EOF
  printf '<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>An error occurred.</h1></body></html>\n' >"$r/usr/share/nginx/html/50x.html"
  cat >"$r/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
# podlab stand-in for the official nginx image's entrypoint.
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    for f in /docker-entrypoint.d/*.sh; do
        [ -x "$f" ] && { echo "$0: Launching $f"; "$f"; }
    done
    echo "$0: Configuration complete; ready for start up"
fi
exec "$@"
EOF
  chmod 755 "$r/docker-entrypoint.sh"
  mkdir -p "$r/var/log/nginx"
  ln -sf /dev/stdout "$r/var/log/nginx/access.log"
  ln -sf /dev/stderr "$r/var/log/nginx/error.log"
  slim_debian "$r"
  make_archive "$r" "$2" "$1" "{\"Env\":[\"$PATH_ENV\"],\"Entrypoint\":[\"/docker-entrypoint.sh\"],\"Cmd\":[\"nginx\",\"-g\",\"daemon off;\"],\"ExposedPorts\":{\"80/tcp\":{}},\"StopSignal\":\"SIGQUIT\",\"Labels\":{\"org.podlab.stand-in\":\"test-only image from Debian nginx-light\"}}"
  rm -rf "$r"
}

img_redis() {
  local r; r=$(mktemp -d "$IMAGES_DIR/.rootfs-redis.XXXXXX")
  debootstrap_rootfs "$r" redis-server,redis-tools
  purge_proc_tools "$r"
  mkdir -p "$r/data"; chroot "$r" chown redis:redis /data
  cat >"$r/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
# podlab stand-in for the official redis image's entrypoint: like the official
# image, redis listens on all interfaces with protected mode off.
set -e
# first arg is `-f` or `--some-option`, or a config file
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
    set -- redis-server "$@"
fi
if [ "$1" = "redis-server" ]; then
    shift
    if [ -n "$1" ] && [ "${1%.conf}" != "$1" ]; then
        conf=$1; shift
        set -- redis-server "$conf" "$@"
    else
        set -- redis-server --protected-mode no "$@"
    fi
    if [ "$(id -u)" = "0" ]; then
        find . \! -user redis -exec chown redis '{}' + 2>/dev/null || true
        exec setpriv --reuid=redis --regid=redis --init-groups "$@"
    fi
fi
exec "$@"
EOF
  chmod 755 "$r/usr/local/bin/docker-entrypoint.sh"
  slim_debian "$r"
  make_archive "$r" "$2" "$1" "{\"Env\":[\"$PATH_ENV\"],\"Entrypoint\":[\"docker-entrypoint.sh\"],\"Cmd\":[\"redis-server\"],\"WorkingDir\":\"/data\",\"ExposedPorts\":{\"6379/tcp\":{}},\"Labels\":{\"org.podlab.stand-in\":\"test-only image from Debian redis-server\"}}"
  rm -rf "$r"
}

build_images() {
  mkdir -p "$IMAGES_DIR"
  build_busybox
  local e name key fn out
  for e in "${IMAGE_LIST[@]}"; do
    IFS='|' read -r name key fn <<<"$e"
    out=$(image_tar "$key")
    if [ -s "$out" ]; then continue; fi
    log "building image $name"
    "$fn" "$name" "$out" || { echo "building image $name failed" >&2; return 1; }
  done
  rm -rf "$IMAGES_DIR"/.work.* "$IMAGES_DIR"/.rootfs-* 2>/dev/null || true
}

ctr_k8s() { ctr --address "$CTRD_SOCK" --namespace k8s.io "$@"; }

import_images() {
  # $STATE/images.imported records which tarball (path and mtime) each name was
  # imported from, so a rebuilt tarball is imported again. Imports run in parallel.
  local have e name key fn tar rec=$STATE/images.imported todo=() pids=() i rc=0
  have=$(ctr_k8s images ls -q)
  touch "$rec"
  for e in "${IMAGE_LIST[@]}"; do
    IFS='|' read -r name key fn <<<"$e"
    tar=$(image_tar "$key")
    local id; id="$tar $(stat -c %Y "$tar")"
    if grep -qxF "$name" <<<"$have" && grep -qxF "$name $id" "$rec"; then continue; fi
    log "importing $name"
    ctr_k8s images import "$tar" >"$RUN/import-$key.log" 2>&1 &
    pids+=($!); todo+=("$name $id")
  done
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
      name=${todo[$i]%% *}
      { grep -vF "$name " "$rec" || true; echo "${todo[$i]}"; } >"$rec.tmp" && mv -f "$rec.tmp" "$rec"
    else
      echo "import of ${todo[$i]} failed:" >&2; cat "$RUN"/import-*.log >&2; rc=1
    fi
  done
  rm -f "$RUN"/import-*.log
  return $rc
}

# image_tools IMAGE-NAME TOOL... : print "tool:yes|no" for each tool, based on
# the image's filesystem (looked up in the usual PATH directories).
image_files() { # list the files of a cached image tarball
  local tar=$1 layer
  layer=$(tar -tf "$tar" | grep '/layer.tar$' | head -n1)
  tar -xOf "$tar" "$layer" | tar -t | sed 's|^\./||'
}
