# shellcheck shell=bash
# The harness's Docker daemon: Debian's docker.io, in its own network
# namespace ($NETNS, only `lo`, no uplink), with its own data root, exec root,
# socket and pid file. Nothing it does reaches the host's network namespace,
# so the host's iptables (the test cluster's FORWARD chain) stay as they are.

KIND_DEB_PACKAGES=(docker.io libseccomp-dev jq debootstrap util-linux iproute2 iptables tar coreutils findutils procps)

ensure_kind_packages() {
  local missing=() p
  for p in "${KIND_DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  command -v go >/dev/null || die "Go toolchain not found (expected /usr/local/go/bin/go)"
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    # The docker.io package must not start a system dockerd/containerd.
    local prc=/usr/sbin/policy-rc.d created=0 rc=0
    if [ ! -e $prc ]; then printf '#!/bin/sh\nexit 101\n' >$prc; chmod +x $prc; created=1; fi
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } \
      >"$LOGS/apt.log" 2>&1 || rc=$?
    [ $created = 1 ] && rm -f $prc
    if [ $rc -ne 0 ]; then tail -n 40 "$LOGS/apt.log" >&2; return $rc; fi
  else
    log "all Debian packages present"
  fi
  # No system docker may run beside ours (no systemd here; an init script could).
  local p2
  for p2 in $(pgrep -x dockerd 2>/dev/null); do
    tr '\0' ' ' <"/proc/$p2/cmdline" | grep -qE -- "--exec-root /run/podlab-kind[a-z0-9-]*/docker " && continue   # one of ours
    die "a dockerd that is not test/kind's is running (pid $p2): $(tr '\0' ' ' <"/proc/$p2/cmdline")"
  done
}

# The network namespace: only lo, up. `ip netns exec` is not used anywhere:
# it remounts /sys, and dockerd then fails ("Devices cgroup isn't mounted").
ensure_netns() {
  if ! netns_exists; then
    log "creating network namespace $NETNS (lo only, no uplink)"
    ip netns add "$NETNS"
  fi
  nsenter --net="$NETNS_PATH" ip link set lo up
  # nothing but lo (dockerd adds its own bridges inside it later)
  nsenter --net="$NETNS_PATH" ip -4 route show default | grep -q . && die "netns $NETNS has a default route"
  return 0
}

# kind runs its nodes with `--volume /lib/modules:/lib/modules:ro`; this VM
# has no /lib/modules, and docker would create it. We create it (empty) and
# record that, so `down` removes it again.
ensure_lib_modules() {
  if [ ! -e /lib/modules ]; then
    mkdir /lib/modules
    mkdir -p "$STATE"; touch "$STATE/created-lib-modules"
    log "created an empty /lib/modules (kind mounts it into its nodes); down removes it"
  fi
}

daemon_json() {
  cat <<EOT
{
  "runtimes": { "podlab-runc": { "path": "$KIND_DIR/lib/runc-no-sys-resource" } },
  "default-runtime": "podlab-runc",
  "exec-opts": ["native.cgroupdriver=cgroupfs"],
  "cgroup-parent": "/$CGROUP_PARENT",
  "storage-driver": "overlay2",
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "2" },
  "features": { "buildkit": false }
}
EOT
}
dockerd_cmd() {
  echo /usr/sbin/dockerd --config-file "$STATE/daemon.json" --data-root "$DOCKER_ROOT" --exec-root "$DOCKER_EXEC_ROOT" \
    -H "$DOCKER_HOST_URL" --pidfile "$DOCKER_PIDFILE"
}

host_fw() { { iptables -S FORWARD 1; ip6tables -S FORWARD 1; iptables-save | grep -c DOCKER; ip6tables-save | grep -c DOCKER; } 2>/dev/null || true; }

ensure_dockerd() {
  mkdir -p "$RUN" "$DOCKER_ROOT" "$LOGS"
  local changed=1 want
  daemon_json | write_if_changed "$STATE/daemon.json" || changed=0
  want=$(dockerd_cmd)
  # (a dockerd left in a netns that was deleted and made anew would be unreachable from in-netns)
  local same_ns=0 pid
  if pid=$(dockerd_pid) && [ "$(stat -L -c %i "/proc/$pid/ns/net")" = "$(stat -L -c %i "$NETNS_PATH")" ]; then same_ns=1; fi
  if [ $same_ns = 1 ] && dockerd_healthy && [ $changed = 0 ] && [ "$(cat "$RUN/dockerd.args" 2>/dev/null)" = "$want" ]; then
    log "dockerd running and healthy (pid $(dockerd_pid))"; return 0
  fi
  if dockerd_pid >/dev/null; then
    log "restarting dockerd (config changed, unhealthy or not in $NETNS_PATH)"
    stop_dockerd
  fi
  local before; before=$(host_fw)
  printf '%s\n' "$want" >"$RUN/dockerd.args"
  printf '\n===== %s starting dockerd in netns %s: %s\n' "$(date -u +%FT%TZ)" "$NETNS" "$want" >>"$LOGS/dockerd.log"
  # shellcheck disable=SC2046
  env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u no_proxy -u NO_PROXY -u all_proxy -u ALL_PROXY \
    setsid nsenter --net="$NETNS_PATH" $want >>"$LOGS/dockerd.log" 2>&1 </dev/null 9>&- &
  local i
  for ((i = 0; i < 300; i++)); do
    dockerd_healthy && break
    if [ $i -gt 20 ] && ! dockerd_pid >/dev/null && ! pgrep -f -- "--exec-root $DOCKER_EXEC_ROOT" >/dev/null; then
      log "dockerd exited"; show_log_tail dockerd 60; return 1
    fi
    sleep 0.2
  done
  dockerd_healthy || { log "dockerd not healthy after 60s"; show_log_tail dockerd 60; return 1; }
  log "dockerd $(dk info --format '{{.ServerVersion}}, runtime {{.DefaultRuntime}}, cgroup {{.CgroupDriver}} v{{.CgroupVersion}}') (pid $(dockerd_pid))"
  [ "$(host_fw)" = "$before" ] || { log "the host FORWARD policy or DOCKER rules in the host netns changed after starting dockerd!"; return 1; }
}

stop_dockerd() {
  local pid i
  pid=$(dockerd_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  [ -d "/proc/$pid" ] && { log "dockerd did not stop in 20s, killing it"; kill -KILL "$pid" 2>/dev/null || true; sleep 0.3; }
  rm -f "$DOCKER_PIDFILE"
}

# Load a docker-archive unless the daemon already has that image from that
# tarball ($STATE/images.loaded: name, tarball path, mtime).
load_tar() { # NAME TARBALL
  local name=$1 tar=$2 rec=$STATE/images.loaded id
  id="$name $tar $(stat -c %Y "$tar")"
  [ -e "$rec" ] || : >"$rec"
  if grep -qxF "$id" "$rec" && dk image inspect "$name" >/dev/null 2>&1; then return 0; fi
  log "docker load $name ($(du -h "$tar" | cut -f1))"
  dk load -i "$tar" >>"$LOGS/docker-load.log" 2>&1 || { tail -n 20 "$LOGS/docker-load.log" >&2; return 1; }
  { grep -vF "$name " "$rec" || true; echo "$id"; } >"$rec.tmp" && mv -f "$rec.tmp" "$rec"
}

load_node_image() {
  local hash; hash=$(cat "$CACHE/node-image.hash")
  local before; before=$(dk image inspect "$NODE_IMAGE" --format '{{.Id}}' 2>/dev/null || true)
  load_tar "$NODE_IMAGE" "$(node_image_tar "$hash")"
  # a replaced node image stays behind untagged (1.1 GB): drop it unless a container uses it
  if [ -n "$before" ] && [ "$before" != "$(dk image inspect "$NODE_IMAGE" --format '{{.Id}}')" ]; then
    dk image rm "$before" >/dev/null 2>&1 && log "removed the previous node image $before" || log "previous node image $before still in use"
  fi
  [ "$(dk image inspect "$NODE_IMAGE" --format '{{index .Config.Labels "org.podlab.recipe"}}')" = "$hash" ] ||
    die "$NODE_IMAGE in the harness docker is not recipe $hash"
}

load_workload_images() {
  local n key
  for n in "${WORKLOAD_IMAGES[@]}"; do
    key=${n#docker.io/library/}; key=${key/:/-}
    [ -s "$(tc_image_tar "$key")" ] || die "$(tc_image_tar "$key") missing: the test cluster builds it"
    load_tar "$n" "$(tc_image_tar "$key")"
  done
}

# PATH dir: the kind we built and the matching kubectl v1.34.4.
ensure_path_dir() {
  mkdir -p "$KBIN/path"
  [ "$(readlink "$KBIN/path/kind")" = "$KIND_BIN" ] || ln -sfn "$KIND_BIN" "$KBIN/path/kind"
  [ "$(readlink "$KBIN/path/kubectl")" = "$TC_BIN/kubectl" ] || ln -sfn "$TC_BIN/kubectl" "$KBIN/path/kubectl"
}
