#!/usr/bin/env bash
# Renders the KubeJudge chart like `helm template`, without a helm binary: Helm's own library
# through helm-java (the kubejudge-helm module). Users with helm get the same from
# `helm template kubejudge helm/kubejudge ...`.
#
#   scripts/helm-template.sh [NAME] [CHART] [-n NS] [-f values.yaml] [--set k=v] [--set-string k=v]
#                            [--include-crds] [--no-hooks] [--kube-version V] [--validate-objects]
#
# Like helm template, the output includes the hooks (the pre-delete Job that deletes every
# submission): pass --no-hooks when piping it to kubectl apply.
#
# NAME defaults to kubejudge, CHART to helm/kubejudge, NS to kubejudge; relative paths are taken
# from the directory the script is called from. The module is built (quietly) when it is missing
# or older than its sources. Run with --help for the supported subset of helm template's flags.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=$ROOT/helm
CLASSPATH_FILE=$MODULE/target/runtime-classpath.txt

fail() { echo "helm-template: ERROR: $*" >&2; exit 1; }

is_stale() {
  [ -f "$CLASSPATH_FILE" ] && [ -d "$MODULE/target/classes/io/kubejudge/helm" ] || return 0
  # An entry of the class path gone (a cleaned module or local repository) means a rebuild too.
  local entry
  while IFS= read -r -d ':' entry; do [ -e "$entry" ] || return 0; done < <(printf '%s:' "$(cat "$CLASSPATH_FILE")")
  [ -n "$(find "$MODULE/src/main" "$MODULE/pom.xml" "$ROOT/crds/src/main" "$ROOT/crds/pom.xml" "$ROOT/pom.xml" \
            -newer "$CLASSPATH_FILE" -type f -print -quit)" ]
}

if is_stale; then
  echo "helm-template: building the helm module (once)" >&2
  # Tests and the operator's Quarkus build are not needed to render; the operator is only a test
  # dependency of the module but the reactor compiles it.
  (cd "$ROOT" && ./mvnw -q -pl helm -am package -DskipTests -Dquarkus.build.skip=true) >&2 ||
    fail "building the helm module failed (./mvnw -q -pl helm -am package -DskipTests)"
  [ -f "$CLASSPATH_FILE" ] || fail "the build did not produce $CLASSPATH_FILE"
  touch "$CLASSPATH_FILE"
fi

exec java -Dkubejudge.chart.dir="$ROOT/helm/kubejudge" -cp "$MODULE/target/classes:$(cat "$CLASSPATH_FILE")" \
  io.kubejudge.helm.HelmTemplateCli "$@"
