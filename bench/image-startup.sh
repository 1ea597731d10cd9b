#!/usr/bin/env bash
# Image start-up benchmark (issue 10; target: each of the operator and the API ready in under 5 s).
#
# Builds the images (scripts/build-images.sh), prints their sizes, then starts the operator's and
# the API's container N times each with the pod's settings: read-only root, a tmpfs on /tmp,
# uid/gid 65534, no capabilities, no-new-privileges. Against what they need to become ready:
# fabric8's mock API server in CRUD mode with our CRDs (test-support's StandaloneMockApiServer, a
# JVM of its own) and a real redis-server that requires a password (as the chart's does). The
# containers share the host's network (--network host) to reach both on loopback; each listens on
# a free port given as QUARKUS_HTTP_PORT (the image's default is 8080).
#
# For every start it polls GET /q/health/ready every 20 ms and records two times from just before
# `docker run`: until the first HTTP answer (any status: the server is up, checks may still say
# DOWN) and until 200 with status UP. Prints each start, then the medians.
#
# Environment: KUBEJUDGE_JAVA_OPTS, when set, replaces the images' JAVA_OPTS (to compare JVM
# options; keep -Djava.io.tmpdir=/tmp, the root is read-only).
#
# Usage: bench/image-startup.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-5}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "image-startup: runs must be a positive number, got '$RUNS'" >&2; exit 2; }
TIMEOUT_MS=60000

log() { echo "image-startup: $*" >&2; }
now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

command -v redis-server >/dev/null || scripts/install-test-deps.sh >&2
command -v curl >/dev/null || { echo "image-startup: curl is missing (apt-get install -y curl)" >&2; exit 1; }

mapfile -t IMAGES < <(scripts/build-images.sh)
[ ${#IMAGES[@]} -eq 3 ] || { echo "image-startup: scripts/build-images.sh printed ${#IMAGES[@]} references, expected 3" >&2; exit 1; }
OPERATOR_IMAGE=${IMAGES[0]}
API_IMAGE=${IMAGES[1]}

echo "== image sizes (uncompressed, docker image inspect)"
for image in "${IMAGES[@]}"; do
  printf '%-32s %6d MB\n' "$image" $(( $(docker image inspect -f '{{.Size}}' "$image") / 1000000 ))
done

# The mock API server's class path: test-support and its dependencies.
# Built through the reactor: nothing is installed into the local repository, so a fresh clone works
# and no other build's KubeJudge jars are replaced or used.
./mvnw -q -pl test-support -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath >&2
MOCK_CP="$ROOT/test-support/target/classes:$(cat test-support/target/bench.classpath)"

WORK=$(mktemp -d)
CONTAINERS=()
cleanup() {
  for c in "${CONTAINERS[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null || true
  [ -n "${MOCK_PID:-}" ] && kill "$MOCK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# It prints "PORT <n>" once it serves (CRDs created) and ends when its standard input closes.
coproc MOCK { exec java -Xmx512m -cp "$MOCK_CP" io.kubejudge.testsupport.StandaloneMockApiServer 2>"$WORK/mock.log"; }
line=
while read -r -t 60 -u "${MOCK[0]}" line && [[ $line != PORT* ]]; do :; done
[[ $line == PORT* ]] || { echo "image-startup: the mock API server did not start: $(cat "$WORK/mock.log")" >&2; exit 1; }
API_SERVER=http://127.0.0.1:${line#PORT }

REDIS_PORT=$(free_port)
REDIS_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --requirepass "$REDIS_PASSWORD" \
  --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
log "mock API server $API_SERVER, redis-server 127.0.0.1:$REDIS_PORT (with a password)"

# The pod's security settings; the Kubernetes API server and Redis as the chart passes them, but
# KUBERNETES_MASTER instead of the in-cluster ServiceAccount (there is no cluster here).
POD_SETTINGS=(--network host --read-only --tmpfs /tmp:rw,size=64m --user 65534:65534 --cap-drop ALL
              --security-opt no-new-privileges -e KUBERNETES_MASTER="$API_SERVER"
              -e KUBEJUDGE_REDIS_HOST=127.0.0.1 -e KUBEJUDGE_REDIS_PORT="$REDIS_PORT"
              -e KUBEJUDGE_REDIS_PASSWORD="$REDIS_PASSWORD")
if [ -n "${KUBEJUDGE_JAVA_OPTS:-}" ]; then
  POD_SETTINGS+=(-e JAVA_OPTS="$KUBEJUDGE_JAVA_OPTS")
  log "JAVA_OPTS=$KUBEJUDGE_JAVA_OPTS"
fi
OPERATOR_ENV=(-e QUARKUS_OPERATOR_SDK_NAMESPACES=judge)
API_ENV=(-e KUBEJUDGE_API_NAMESPACE=judge -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=/etc/kubejudge/jwt/publicKey.pem
         -v "$ROOT/api/src/test/resources/dev-keys/publicKey.pem:/etc/kubejudge/jwt/publicKey.pem:ro")

# start_once <name> <image> <env...>: prints "<ms to first answer> <ms to UP>"
start_once() {
  local name=$1 image=$2; shift 2
  local port; port=$(free_port)
  local container=kj-startup-$name-$$-$RANDOM
  CONTAINERS+=("$container")
  local t0 first= up= code polls=0
  t0=$(now_ms)
  docker run -d --name "$container" "${POD_SETTINGS[@]}" -e QUARKUS_HTTP_PORT="$port" "$@" "$image" >/dev/null
  while [ $(( $(now_ms) - t0 )) -lt $TIMEOUT_MS ]; do
    code=$(curl -s -o "$WORK/ready.json" -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/q/health/ready" || true)
    if [ "$code" != 000 ] && [ -z "$first" ]; then first=$(( $(now_ms) - t0 )); fi
    if [ "$code" = 200 ] && grep -q '"status": *"UP"' "$WORK/ready.json"; then up=$(( $(now_ms) - t0 )); break; fi
    # Whether the container died, every 25th poll only: a docker CLI every 20 ms takes CPU from the
    # JVM being measured on a 2-core machine.
    if (( ++polls % 25 == 0 )); then
      [ "$(docker inspect -f '{{.State.Running}}' "$container")" = true ] || break
    fi
    sleep 0.02
  done
  if [ -z "$up" ]; then
    log "$name did not become ready within ${TIMEOUT_MS} ms; last answer $code $(cat "$WORK/ready.json" 2>/dev/null | tr -d '\n ' | head -c 400)"
    docker logs "$container" 2>&1 | grep -v SRHCK01001 | tail -n 20 >&2
    docker rm -f "$container" >/dev/null
    return 1
  fi
  docker rm -f "$container" >/dev/null
  echo "$first $up"
}

declare -A FIRST UP
for name in operator api; do
  if [ $name = operator ]; then image=$OPERATOR_IMAGE; env=("${OPERATOR_ENV[@]}"); else image=$API_IMAGE; env=("${API_ENV[@]}"); fi
  echo "== $name ($image): ms from docker run to /q/health/ready answering / to 200 UP"
  for i in $(seq 1 "$RUNS"); do
    start_once "$name" "$image" "${env[@]}" >"$WORK/result" || exit 1
    read -r first up <"$WORK/result"
    printf '  run %d: first answer %5d ms, ready (UP) %5d ms\n' "$i" "$first" "$up"
    FIRST[$name]+="$first "
    UP[$name]+="$up "
  done
done

echo "== medians over $RUNS runs (target: ready under 5000 ms)"
for name in operator api; do
  printf '%-9s first answer %5s ms, ready (UP) %5s ms\n' "$name" \
    "$(tr ' ' '\n' <<<"${FIRST[$name]}" | grep . | median)" "$(tr ' ' '\n' <<<"${UP[$name]}" | grep . | median)"
done
uptime
