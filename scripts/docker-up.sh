#!/usr/bin/env bash
# Brings up a working Docker engine and the debian:bookworm-slim base image on a
# machine without systemd and without a container registry (CI and dev boxes).
# Idempotent: every step is skipped when its result is already there.
#
#   scripts/docker-up.sh            # prints one timing line per step that ran
#
# Environment:
#   KUBEJUDGE_DOCKERD_LOG       dockerd's log (default /var/log/kubejudge-dockerd.log)
#   KUBEJUDGE_DOCKER_TIMEOUT    seconds to wait for dockerd to answer (default 60)
#   KUBEJUDGE_DEBIAN_MIRROR     Debian mirror for debootstrap (default: the first
#                               Debian URI in /etc/apt/sources.list(.d))
set -euo pipefail

BASE_IMAGE=debian:bookworm-slim
DOCKERD_LOG=${KUBEJUDGE_DOCKERD_LOG:-/var/log/kubejudge-dockerd.log}
TIMEOUT=${KUBEJUDGE_DOCKER_TIMEOUT:-60}

log() { echo "docker-up: $*" >&2; }
fail() { echo "docker-up: ERROR: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }
timed() { # timed <label> <command...>: runs it and reports how long it took
  local label=$1; shift
  local t0; t0=$(now_ms)
  "$@"
  log "$label took $(( $(now_ms) - t0 )) ms"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "need root for: $* (run as root or install sudo)"; fi
}

apt_updated=0
apt_install() {
  if [ $apt_updated -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get update -q >/dev/null
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -q "$@" >/dev/null
}

docker_answers() { docker info >/dev/null 2>&1; }

install_engine() {
  command -v dockerd >/dev/null && return 0
  log "dockerd is missing: installing docker.io"
  timed "apt-get install docker.io" apt_install docker.io
  command -v dockerd >/dev/null || fail "docker.io installed but dockerd is still not on PATH"
}

wait_for_engine() { # wait_for_engine <pid>: 0 once docker answers, 1 if dockerd died or timed out
  local pid=$1 deadline=$((SECONDS + TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    docker_answers && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

start_engine() { # start_engine [dockerd flags...]
  log "starting dockerd $* (log: $DOCKERD_LOG)"
  as_root mkdir -p "$(dirname "$DOCKERD_LOG")"
  # setsid: the engine must outlive the shell (and the test JVM) that started it.
  as_root setsid dockerd "$@" >>"$DOCKERD_LOG" 2>&1 < /dev/null &
  local pid=$!
  if wait_for_engine "$pid"; then return 0; fi
  kill "$pid" 2>/dev/null || true
  return 1
}

# The storage driver must be checked by running a container: overlay2 can start
# fine and only fail at the first mount (e.g. on an overlay or tmpfs root).
engine_can_run() { docker run --rm --network none "$BASE_IMAGE" true >/dev/null 2>&1; }

ensure_engine() {
  docker_answers && return 0
  install_engine
  local t0; t0=$(now_ms)
  if ! start_engine; then
    log "dockerd did not answer with its default storage driver; retrying with vfs"
    stop_engine
    start_engine --storage-driver=vfs ||
      fail "dockerd did not answer within ${TIMEOUT}s (see $DOCKERD_LOG: $(tail -n 3 "$DOCKERD_LOG" | tr '\n' ' '))"
  fi
  log "dockerd start took $(( $(now_ms) - t0 )) ms (storage driver: $(docker info -f '{{.Driver}}'))"
}

stop_engine() {
  local pid
  pid=$(cat /var/run/docker.pid 2>/dev/null || true)
  [ -n "$pid" ] || return 0
  as_root kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  fail "dockerd (pid $pid) did not stop"
}

# The mirror the machine already uses: hosts without internet access usually
# have one configured, and hard-coding deb.debian.org would bypass it.
debian_mirror() {
  if [ -n "${KUBEJUDGE_DEBIAN_MIRROR:-}" ]; then echo "$KUBEJUDGE_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i}' |
        grep -v -- '-security' | grep -m1 -i 'debian' || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
          awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) {print $i; break}}' |
          grep -v -- '-security' | grep -m1 -i 'debian' || true)
  fi
  [ -n "$uri" ] || fail "no Debian mirror found in /etc/apt/sources.list(.d); set KUBEJUDGE_DEBIAN_MIRROR"
  echo "$uri"
}

build_base_image() {
  command -v debootstrap >/dev/null || timed "apt-get install debootstrap" apt_install debootstrap
  local mirror root
  mirror=$(debian_mirror)
  root=$(mktemp -d /var/tmp/kubejudge-bookworm.XXXXXX)
  log "building $BASE_IMAGE with debootstrap from $mirror"
  if ! timed "debootstrap" as_root debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null; then
    as_root rm -rf "$root"
    fail "debootstrap from $mirror failed"
  fi
  # The slim image's point: no apt caches or docs in the base layer.
  as_root rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
  local imported=0
  timed "docker import" bash -c "tar -C '$root' -c . | docker import - '$BASE_IMAGE' >/dev/null" && imported=1
  as_root rm -rf "$root"
  [ $imported -eq 1 ] || fail "docker import of the debootstrap tree failed"
}

ensure_base_image() {
  docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || build_base_image
}

main() {
  ensure_engine
  ensure_base_image
  if ! engine_can_run; then
    local driver; driver=$(docker info -f '{{.Driver}}')
    [ "$driver" != vfs ] || fail "docker run $BASE_IMAGE true fails even with vfs (see $DOCKERD_LOG)"
    log "docker run fails with storage driver $driver; restarting dockerd with vfs"
    # vfs has its own image store: the base image must be imported again there.
    stop_engine
    start_engine --storage-driver=vfs || fail "dockerd with vfs did not answer within ${TIMEOUT}s (see $DOCKERD_LOG)"
    ensure_base_image
    engine_can_run || fail "docker run $BASE_IMAGE true fails with vfs too (see $DOCKERD_LOG)"
  fi
  log "ready: $(docker version -f 'engine {{.Server.Version}}') driver $(docker info -f '{{.Driver}}')"
}

main "$@"
