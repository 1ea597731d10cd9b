#!/usr/bin/env bash
# API throughput (issue 5; targets: 2,000 submits/s and 10,000 status reads/s on 2 cores).
#
# Runs io.kubejudge.api.bench.ApiThroughputBenchmark: the API (Quarkus, in the test JVM), a real
# redis-server, fabric8's mock API server (CRUD mode, a process of its own) and a load driver (a
# process of its own: raw HTTP/1.1 over keep-alive connections from one selector thread, N
# requests in flight, requests serialised before each round) on this machine.
#
# Submits: new submissions of 500 users (the real rate limit, 20/min/user, windows cleared between
# rounds), problem and pool from the informer caches, one create each on the stand-in API server.
# Reads: GET of archived submissions (10 tests each), answered from the Redis archive.
# Warm-up rounds (not counted) run until the JIT compilers use under a tenth of the API's CPU.
#
# Prints per phase, medians over the rounds:
#   - requests/s on the wall clock (everything shares the machine, other work on it included);
#   - the API's CPU time per request (its JVM: all threads but the JIT compilers) and what two
#     cores would serve at that cost, split by thread (event loop, worker, jit, gc, other = VM
#     threads), with the part spent in the kernel and the thread switches per request;
#   - redis-server's, the stand-in API server's and the load driver's CPU per request;
# and the stand-in's own create rate (fabric8 client, no API) for reference; then the load
# average. CPU per request still grows on a busy machine (switches and cache misses cost more):
# quote it with the load average. Also written to api/target/bench/api-throughput.txt.
#
# Usage: bench/api-throughput.sh [rounds=5] [submits per round=1000] [reads per round=20000] [in flight=32]
#   JFR=/tmp/api.jfr bench/api-throughput.sh ...   also records a Java Flight Recording of the API's JVM
#     (then: jfr summary, jfr print --events jdk.ExecutionSample /tmp/api.jfr)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
SUBMITS="${2:-1000}"
READS="${3:-20000}"
CONCURRENCY="${4:-32}"
ARGLINE=()
if [ -n "${JFR:-}" ]; then
  ARGLINE=("-DargLine=-XX:StartFlightRecording=filename=$JFR,settings=profile")
fi
command -v redis-server >/dev/null || scripts/install-test-deps.sh
echo "api-throughput: before: $(uptime)"
# Through the reactor (-am): a fresh clone has no KubeJudge modules in the local repository.
./mvnw -q -pl api -am test -Dtest=ApiThroughputBenchmark -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rounds="$ROUNDS" -Dbench.submits="$SUBMITS" -Dbench.reads="$READS" -Dbench.concurrency="$CONCURRENCY" \
  ${ARGLINE[@]+"${ARGLINE[@]}"} \
  | grep '^api-throughput:' || { echo "api-throughput: the benchmark failed; see api/target/surefire-reports" >&2; exit 1; }
echo "api-throughput: after: $(uptime)"
