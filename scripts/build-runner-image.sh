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
source "$ROOT/scripts/lib/build-tagged-image.sh"

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
build_tagged_image "$IMAGE" "$HASH_TAG" "$ROOT/judge-runner/target/docker-build.log" -f "$ROOT/judge-runner/Dockerfile" "$ROOT"
echo "$IMAGE"
