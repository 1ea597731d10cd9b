#!/usr/bin/env bash
# The test command of the README (and of .ci/run): installs and starts what the tests need,
# then runs the whole Maven build with its tests, contained (see contained.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
scripts/docker-up.sh

exec scripts/contained.sh ./mvnw -B -ntp verify "$@"
