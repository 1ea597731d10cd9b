#!/usr/bin/env bash
# Builds the judge pod's image kubejudge/judge-runner:<version> from this checkout:
# starts Docker when needed (scripts/docker-up.sh), packages the runner jar when
# it is missing or older than its sources, then builds judge-runner/Dockerfile.
#
# The image is also tagged with a hash of everything it is built from; when an
# image with that tag exists the build is skipped, so calling this script is
# cheap when nothing changed (the container tests call it once per run).
#
#   scripts/build-runner-image.sh          # prints the image reference on stdout
#
# Environment: KUBEJUDGE_IMAGE (default kubejudge/judge-runner:0.1.0).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=${KUBEJUDGE_IMAGE:-kubejudge/judge-runner:0.1.0}
REPO=${IMAGE%:*}
JAR=$ROOT/judge-runner/target/judge-runner.jar

log() { echo "build-runner-image: $*" >&2; }
fail() { echo "build-runner-image: ERROR: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

"$ROOT/scripts/docker-up.sh" >&2

jar_is_stale() {
  [ -f "$JAR" ] || return 0
  [ -n "$(find "$ROOT/judge-runner/src/main" "$ROOT/judge-runner/pom.xml" "$ROOT/crds/src/main" \
            "$ROOT/crds/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]
}

if jar_is_stale; then
  log "packaging the runner jar"
  t0=$(now_ms)
  (cd "$ROOT" && ./mvnw -q -pl crds,judge-runner -am package -DskipTests) >&2 ||
    fail "packaging the runner jar failed (./mvnw -q -pl crds,judge-runner -am package -DskipTests)"
  [ -f "$JAR" ] || fail "the build did not produce $JAR"
  log "jar took $(( $(now_ms) - t0 )) ms"
fi

# The same file list as .dockerignore lets in: these are the image's only inputs.
inputs_hash() {
  (cd "$ROOT" && find judge-runner/Dockerfile .dockerignore judge-runner/docker \
      judge-runner/seccomp/judge-runner.json judge-runner/src/main/c/kj-launcher.c \
      judge-runner/target/judge-runner.jar -type f -print0 | sort -z | xargs -0 sha256sum) |
    sha256sum | cut -c1-16
}
HASH_TAG=$REPO:inputs-$(inputs_hash)

if docker image inspect "$HASH_TAG" >/dev/null 2>&1; then
  docker tag "$HASH_TAG" "$IMAGE"
  log "up to date: $IMAGE = $HASH_TAG"
else
  BUILD_LOG=$ROOT/judge-runner/target/docker-build.log
  mkdir -p "$(dirname "$BUILD_LOG")"
  log "building $IMAGE (log: $BUILD_LOG)"
  t0=$(now_ms)
  if ! docker build --network host -t "$IMAGE" -t "$HASH_TAG" -f "$ROOT/judge-runner/Dockerfile" "$ROOT" \
       >"$BUILD_LOG" 2>&1; then
    tail -n 30 "$BUILD_LOG" >&2
    fail "docker build failed (full log: $BUILD_LOG)"
  fi
  log "docker build took $(( $(now_ms) - t0 )) ms"
  # Images of earlier inputs are dead weight (each holds a JDK and compilers).
  for tag in $(docker images "$REPO" --format '{{.Tag}}'); do
    case $tag in inputs-*) [ "$tag" = "${HASH_TAG#*:}" ] || docker rmi "$REPO:$tag" >/dev/null 2>&1 || true ;; esac
  done
fi
echo "$IMAGE"
