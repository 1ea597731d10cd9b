#!/usr/bin/env bash
# The test command of the README (and of .ci/run): installs and starts what the tests need,
# then runs the whole Maven build with its tests, contained (see contained.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
scripts/docker-up.sh

# The native launcher's own tests first: the Java tests rely on it to contain hostile programs.
KJ_BENCH=0 bash judge-runner/src/test/c/run-launcher-tests.sh

exec scripts/contained.sh ./mvnw -B -ntp verify "$@"
