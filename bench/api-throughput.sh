#!/usr/bin/env bash
# API throughput (issue 5; targets: 2,000 submits/s and 10,000 status reads/s on 2 cores).
#
# Runs io.kubejudge.api.bench.ApiThroughputBenchmark: the API (Quarkus, in the test JVM), a real
# redis-server, and fabric8's mock API server (CRUD mode, in a process of its own) on this
# machine; a load driver keeps N requests in flight. Printed per phase, medians over rounds:
#   - requests/s on the wall clock (everything shares the machine, other work on it included);
#   - the API's CPU time per request (its JVM less the driver's threads and the JIT compiler),
#     and what two cores would serve at that cost: the figure that does not depend on the
#     machine being busy;
#   - redis-server's and the stand-in API server's CPU per request.
# Submits: new submissions of 500 users (the real rate limit, 20/min/user, windows cleared
# between rounds), problem and pool from the informer caches. Reads: GET of archived
# submissions (10 tests each), answered from the Redis archive.
# The stand-in API server stores every object in a map it scans on each request, so it bounds
# the submits/s measured here (its own creates/s are printed for reference).
#
# Usage: bench/api-throughput.sh [rounds=5] [submits per round=1000] [reads per round=20000] [in flight=32]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
SUBMITS="${2:-1000}"
READS="${3:-20000}"
CONCURRENCY="${4:-32}"
command -v redis-server >/dev/null || scripts/install-test-deps.sh
./mvnw -q -pl api test -Dtest=ApiThroughputBenchmark -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rounds="$ROUNDS" -Dbench.submits="$SUBMITS" -Dbench.reads="$READS" -Dbench.concurrency="$CONCURRENCY" \
  | grep '^api-throughput:' || { echo "api-throughput: the benchmark failed; see api/target/surefire-reports" >&2; exit 1; }
