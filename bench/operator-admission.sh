#!/usr/bin/env bash
# Operator admission benchmark (issue 4): 10,000 queued submissions on the in-JVM mock API server,
# Jobs created per second; creation-to-Job latency (median, p99) at 100 submissions/s; operator heap
# with 10,000 live submissions.
# Usage: bench/operator-admission.sh [submissions=10000] [rate=100] [seconds=20] [maxMinutes=15]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl operator test-compile
./mvnw -q -pl operator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="operator/target/test-classes:operator/target/classes:$(cat operator/target/bench.classpath)"
exec java -Xmx3g -XX:+UseG1GC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$CP" io.kubejudge.operator.bench.AdmissionBenchmark "$@"
