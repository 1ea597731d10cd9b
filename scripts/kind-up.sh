#!/usr/bin/env bash
# KubeJudge on a local kind cluster, end to end: a cluster whose kubelets cap each pod's tasks
# (podPidsLimit) and hold the judges' seccomp profile, the three images loaded into it, the chart
# installed, the example problem and a submission applied, and the verdict printed.
#
#   scripts/kind-up.sh            # idempotent: reuses the cluster, images and release when present
#
# Needs: docker (running), kind (https://kind.sigs.k8s.io, v0.27 or newer), kubectl (1.30+), and
# network access to pull kind's node image and the official redis image. helm is optional: without
# it the chart is rendered by scripts/helm-template.sh (helm-java) and applied with kubectl.
# This cannot run on machines without a container registry; the normal test suite checks the
# cluster config and the kind values (KindConfigTest) and runs the same install on the in-JVM test
# cluster (scripts/install-e2e.sh).
#
# Environment:
#   KUBEJUDGE_KIND_CLUSTER   cluster name (default kubejudge)
#   KUBEJUDGE_NAMESPACE      release namespace (default kubejudge)
#   KUBEJUDGE_WAIT           how long to wait for each step (default 300s)
#   KUBEJUDGE_KIND_STATE     where the API's token key pair is kept (default ~/.cache/kubejudge-kind/<cluster>)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLUSTER=${KUBEJUDGE_KIND_CLUSTER:-kubejudge}
NAMESPACE=${KUBEJUDGE_NAMESPACE:-kubejudge}
WAIT=${KUBEJUDGE_WAIT:-300s}
VALUES=$ROOT/scripts/kind/values.yaml
STATE=${KUBEJUDGE_KIND_STATE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubejudge-kind/$CLUSTER}
JUDGES=$(awk '/^judges:/ {j=1} j && /^  namespace:/ {print $2; exit}' "$VALUES")

log() { echo "kind-up: $*" >&2; }
fail() { echo "kind-up: ERROR: $*" >&2; exit 1; }

for tool in docker kind kubectl openssl; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH (kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation)"
done
docker info >/dev/null 2>&1 || fail "the Docker engine does not answer (start it, or run scripts/docker-up.sh as root)"
[ -n "$JUDGES" ] || fail "no judges.namespace in $VALUES"

log "building the images"
mapfile -t IMAGES < <("$ROOT/scripts/build-images.sh")
[ ${#IMAGES[@]} -eq 3 ] || fail "scripts/build-images.sh printed ${#IMAGES[@]} images, expected 3"

if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
  log "cluster $CLUSTER exists: reusing it"
else
  config=$(mktemp)
  trap 'rm -f "$config"' EXIT
  sed "s|__KUBEJUDGE_ROOT__|$ROOT|g; s|^name: kubejudge$|name: $CLUSTER|" "$ROOT/scripts/kind/cluster.yaml" >"$config"
  log "creating cluster $CLUSTER"
  kind create cluster --config "$config" --wait "$WAIT"
fi
kubectl config use-context "kind-$CLUSTER" >/dev/null

log "loading ${IMAGES[*]} into the nodes"
kind load docker-image --name "$CLUSTER" "${IMAGES[@]}"
REDIS_IMAGE=$(awk '/^redis:/ {r=1} r && /repository:/ {repo=$2} r && /tag:/ {print repo ":" $2; exit}' "$VALUES")
if [ -n "$REDIS_IMAGE" ] && docker pull -q "$REDIS_IMAGE" >/dev/null 2>&1; then
  kind load docker-image --name "$CLUSTER" "$REDIS_IMAGE"
fi

# Helm installs crds/ only on the first install and never upgrades them: apply them ourselves.
log "applying the CRDs"
kubectl apply --server-side --force-conflicts -f "$ROOT/helm/kubejudge/crds/"
kubectl wait --for=condition=Established --timeout="$WAIT" -f "$ROOT/helm/kubejudge/crds/"

# The API refuses to start without a key to verify users' tokens with: a key pair of this cluster's own.
JWT_VALUES=$("$ROOT/scripts/kind/jwt-values.sh" "$STATE")
log "the API verifies tokens with $STATE/jwt-public.pem; sign yours with $STATE/jwt-private.pem"

log "installing the chart into $NAMESPACE"
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
if command -v helm >/dev/null; then
  helm upgrade --install kubejudge "$ROOT/helm/kubejudge" -n "$NAMESPACE" -f "$VALUES" -f "$JWT_VALUES" \
    --skip-crds --wait --timeout "$WAIT"
else
  # helm template cannot look up the Redis password Secret it generated on the first run (helm
  # upgrade keeps it): name it as an existing Secret, or a rerun would replace the password that
  # the running Redis was started with.
  keep_password=()
  if kubectl -n "$NAMESPACE" get secret kubejudge-redis >/dev/null 2>&1; then
    keep_password=(--set redis.auth.existingSecret=kubejudge-redis)
  fi
  # --no-hooks: the pre-delete hook (which releases every judge) belongs to an uninstall, not here.
  "$ROOT/scripts/helm-template.sh" --no-hooks kubejudge "$ROOT/helm/kubejudge" -n "$NAMESPACE" -f "$VALUES" -f "$JWT_VALUES" \
    ${keep_password[@]+"${keep_password[@]}"} | kubectl apply -n "$NAMESPACE" -f -
fi
kubectl -n "$NAMESPACE" rollout status deployment/kubejudge-operator --timeout="$WAIT"
kubectl -n "$NAMESPACE" rollout status deployment/kubejudge-api --timeout="$WAIT"

log "applying the example problem and a submission in $JUDGES"
kubectl -n "$JUDGES" apply --server-side -f "$ROOT/examples/problems/aplusb/kubernetes.yaml"
kubectl -n "$JUDGES" delete judgesubmission aplusb-demo-1 --ignore-not-found --wait
kubectl -n "$JUDGES" apply -f "$ROOT/examples/kubernetes/submission-aplusb-cpp.yaml"
kubectl -n "$JUDGES" wait --for=condition=Completed judgesubmission/aplusb-demo-1 --timeout="$WAIT"
kubectl -n "$JUDGES" get judgesubmission aplusb-demo-1
verdict=$(kubectl -n "$JUDGES" get judgesubmission aplusb-demo-1 -o jsonpath='{.status.verdict}')
echo "verdict: $verdict"
[ "$verdict" = Accepted ] || fail "expected Accepted (kubectl -n $JUDGES describe judgesubmission aplusb-demo-1)"
