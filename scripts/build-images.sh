#!/usr/bin/env bash
# Builds KubeJudge's three images from this checkout, tagged with the project version without
# -SNAPSHOT (the chart's appVersion):
#   kubejudge/operator:<v>      docker/quarkus-service.Dockerfile with SERVICE=operator, context operator/target/quarkus-app
#   kubejudge/api:<v>           docker/quarkus-service.Dockerfile with SERVICE=api,      context api/target/quarkus-app
#   kubejudge/judge-runner:<v>  through scripts/build-runner-image.sh
# Starts Docker when needed (scripts/docker-up.sh) and packages the Quarkus applications when
# they are missing or older than their sources. Each image is also tagged with a hash of its
# inputs; when that tag exists the build is skipped, so an unchanged image costs a hash.
#
# The operator's and API's build context is the packaged application itself (not the repository
# root, whose .dockerignore serves the runner image): the context is exactly what the image holds.
#
#   scripts/build-images.sh          # prints the three image references on stdout, one per line
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

log() { echo "build-images: $*" >&2; }
fail() { echo "build-images: ERROR: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }
source "$ROOT/scripts/lib/build-tagged-image.sh"

# The parent pom's own <version> (the first one after its artifactId), less -SNAPSHOT.
project_version() {
  awk '/<artifactId>kubejudge-parent<\/artifactId>/ {found = 1; next}
       found && /<version>/ {gsub(/.*<version>|<\/version>.*/, ""); print; exit}' "$ROOT/pom.xml"
}
VERSION=$(project_version)
VERSION=${VERSION%-SNAPSHOT}
[[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "cannot read the project version from $ROOT/pom.xml (got '$VERSION')"

"$ROOT/scripts/docker-up.sh" >&2

app_is_stale() { # app_is_stale <module>
  local run=$ROOT/$1/target/quarkus-app/quarkus-run.jar
  [ -f "$run" ] || return 0
  [ -n "$(find "$ROOT/$1/src/main" "$ROOT/$1/pom.xml" "$ROOT/crds/src/main" "$ROOT/crds/pom.xml" \
            "$ROOT/pom.xml" -newer "$run" -type f -print -quit)" ]
}

stale=()
for module in operator api; do
  if app_is_stale "$module"; then stale+=("$module"); fi
done
if [ ${#stale[@]} -gt 0 ]; then
  modules=$(IFS=,; echo "${stale[*]}")
  log "packaging $modules"
  t0=$(now_ms)
  (cd "$ROOT" && ./mvnw -q -pl "$modules" -am package -DskipTests) >&2 ||
    fail "packaging failed (./mvnw -q -pl $modules -am package -DskipTests)"
  log "packaging took $(( $(now_ms) - t0 )) ms"
fi

# One Dockerfile for both Quarkus services; the service name is its build argument SERVICE.
APP_DOCKERFILE=docker/quarkus-service.Dockerfile

inputs_hash() { # inputs_hash <module>: the Dockerfile, its build argument and every file of the context
  (cd "$ROOT" && echo "SERVICE=$1" &&
     find "$APP_DOCKERFILE" "$1/target/quarkus-app" -type f -print0 | sort -z | xargs -0 sha256sum) |
    sha256sum | cut -c1-16
}

build_app_image() { # build_app_image <module>: prints the image reference
  local module=$1 image=kubejudge/$1:$VERSION
  local context=$ROOT/$module/target/quarkus-app
  [ -f "$context/quarkus-run.jar" ] || fail "no $context/quarkus-run.jar after packaging"
  build_tagged_image "$image" "kubejudge/$module:inputs-$(inputs_hash "$module")" \
    "$ROOT/$module/target/docker-build.log" -f "$ROOT/$APP_DOCKERFILE" --build-arg SERVICE="$module" "$context"
  echo "$image"
}

build_app_image operator
build_app_image api
KUBEJUDGE_IMAGE=kubejudge/judge-runner:$VERSION "$ROOT/scripts/build-runner-image.sh"
