#!/usr/bin/env bash
# Operator admission benchmark (issue 4; targets: at least 500 admissions/s, p99 under 100 ms from
# creation to Job at 100 submissions/s, heap under 256 MiB with 10,000 live submissions; issue 14: at
# most 3 API writes per admission, p99 under 60 ms from creation to Job at 20 submissions/s).
#
# Runs io.kubejudge.operator.bench.AdmissionBenchmark. Four processes on this machine: the benchmark
# itself (the load driver: creates submissions, watches Jobs), the operator alone in a JVM of its
# own (OperatorProcess: KubeJudgeOperator on java-operator-sdk, 64 reconcile threads, a client
# allowing 128 concurrent requests, logging at INFO), fabric8's mock API server in CRUD mode in a JVM
# of its own (test-support's StandaloneMockApiServer, a fresh one per round) and a real
# redis-server (queue index, live events). A warm-up round, not counted, comes first. Printed per
# round, then as medians over the rounds:
#   - throughput: N submissions queued while the operator is stopped, a pool with a slot for each;
#     the operator starts and Jobs are counted until every submission has one. Jobs/s on the wall
#     clock (overall and between the 10% and the 90% Job) are bounded by the mock API server, which
#     scans every object it holds on each request (its creates/s and CPU per request are printed);
#   - the operator's CPU time per admission: its JVM's CPU less the JIT compiler threads', per Job
#     ("all-in": from its start until its last Event was sent, start-up, informer sync, Events and
#     Redis writes included; "steady": between the 10% and the 90% Job), and what 2 cores would
#     admit at that cost. This is the figure for the 500/s target: it does not depend on the
#     stand-in's speed (it does depend on how busy the machine is: compare with the load average);
#   - the API writes (POST, PUT, PATCH, DELETE) and all requests per admission, by kind, and the
#     mock's and redis-server's CPU per admission (submissions are created as the API creates them,
#     with the operator's finalizer);
#   - heap: used heap after full GCs in the operator's JVM with the N submissions live (all
#     admitted: submissions and Jobs in its informer caches, queue, indexes), and its growth over
#     the bare JVM before the operator's first start;
#   - latency: submissions created at R/s for S s against a running operator (fresh API server),
#     after 5 s at the same rate that are not counted (bench.latencyWarmUpSeconds: both start cold);
#     time from the create call to the Job's ADDED event at the driver, median and p99, and the API
#     writes per admission.
# With the defaults it runs for about 40 minutes on this shared 2-core machine (the mock slows down
# as it fills up); pass fewer submissions or rounds for a quick look.
#
# Usage: bench/operator-admission.sh [submissions=10000] [rate=100] [latencySeconds=20] [rounds=3] [maxMinutes=20] [warmUp=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || scripts/install-test-deps.sh
# Built through the reactor, from this tree alone: nothing is installed into (or taken from) the local
# repository's kubejudge artifacts, so a fresh clone works and other builds' SNAPSHOTs are not touched.
# MVN_ARGS passes more options to Maven (e.g. -o).
./mvnw -q ${MVN_ARGS:-} -pl operator -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# A copy of the classes: other builds in this tree may recompile them meanwhile.
SNAPSHOT="$(mktemp -d)"
trap 'rm -rf "$SNAPSHOT"' EXIT
cp -r operator/target/classes "$SNAPSHOT/classes"
cp -r operator/target/test-classes "$SNAPSHOT/test-classes"
DEPS="$(cat operator/target/bench.classpath)"
for module in crds test-support; do
  # In the reactor the sibling modules are on the class path as their target/classes directories.
  cp -r "$module/target/classes" "$SNAPSHOT/$module-classes"
  DEPS="${DEPS//$PWD\/$module\/target\/classes/$SNAPSHOT/$module-classes}"
done
case "$DEPS" in
  *kubejudge-crds*.jar*|*kubejudge-test-support*.jar*)
    echo "bench/operator-admission.sh: kubejudge jars from the local repository on the class path: $DEPS" >&2; exit 1 ;;
esac
CP="$SNAPSHOT/test-classes:$SNAPSHOT/classes:$DEPS"
cd operator
uptime
java -Xmx2g -XX:+UseG1GC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$CP" io.kubejudge.operator.bench.AdmissionBenchmark "$@"
uptime
