#!/usr/bin/env bash
# The install test, end to end, in one command (as root, from a fresh clone): builds the three
# images, installs the chart (helm/kubejudge, values k8s-tests/src/test/resources/install/
# values-test-cluster.yaml) on the in-JVM test cluster whose kubelet runs the operator, API and
# Redis pods in Docker, judges the example submission with the real kubectl and through the API,
# scales the pool, checks that the chart's RBAC is exactly enough, uninstalls as Helm does, and
# prints the verdicts. Needs kubectl v1.32 or newer (/usr/bin/kubectl; Debian's kubernetes-client
# is too old). The test is io.kubejudge.install.InstallE2eTest (k8s-tests).
#
#   scripts/install-e2e.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
scripts/docker-up.sh

LOG=$(mktemp /tmp/install-e2e.XXXXXX.log)
status=0
# The modules the test needs, without their own tests; then only this test, contained like the
# whole suite (scripts/test.sh): the judge pods it starts run submissions through the sandbox.
./mvnw -B -ntp -q -pl k8s-tests -am install -DskipTests
scripts/contained.sh ./mvnw -B -ntp -pl k8s-tests test \
    -Dtest=InstallE2eTest -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee "$LOG" || status=$?

echo
echo "== install-e2e (full log: $LOG)"
grep -E '^install-e2e: ' "$LOG" | grep -E 'verdict|Ready|leader|uninstall|whole test|images' | grep -v ' requests: ' || true
if [ "$status" -ne 0 ] || ! grep -q '^install-e2e: verdict Accepted' "$LOG"; then
    echo "install-e2e: FAILED (exit $status)" >&2
    exit 1
fi
echo "install-e2e: passed"
