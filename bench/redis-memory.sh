#!/usr/bin/env bash
# Redis memory per finished submission (issue 10: the chart's Redis requests and limits are sized
# from it). What the operator keeps in Redis for each finished submission for the archive TTL
# (kubejudge.archive-ttl, 30 days), in the shapes RedisArchive and RedisEventPublisher write:
#   kubejudge:archive:<ns>:<name>        the submission as JSON (metadata, spec with the source, status
#                                        with one result per test, history, conditions)
#   kubejudge:submission-id:<ns>:<id>    its resource name
#   kubejudge:events-log:<ns>:<name>     the list of its live events (one per status change or progress step)
# Stores N such submissions in a fresh redis-server (no persistence) for each of two profiles, and
# prints used_memory per submission (the difference over an empty server, divided by N) and how
# many submissions, and submissions per day over 30 days, fit in 80% of the chart's 512 MiB limit.
#
#   bench/redis-memory.sh [submissions=20000]
#
# Profiles: "a+b" (the example problem's 12 tests, a 200-byte C++ source, 8 events) and "large"
# (100 tests with checker messages, an 8 KiB source, 30 events).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "redis-memory: submissions must be a positive number, got '$N'" >&2; exit 2; }
command -v redis-server >/dev/null || scripts/install-test-deps.sh >&2
command -v python3 >/dev/null || { echo "redis-memory: python3 is missing" >&2; exit 1; }

echo "== load: $(uptime)"
python3 - "$N" <<'EOF'
import json, os, socket, subprocess, sys, tempfile, time

n = int(sys.argv[1])
sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
work = tempfile.mkdtemp(prefix="redis-memory")
server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                           "--appendonly", "no", "--dir", work], stdout=subprocess.DEVNULL)
try:
    for _ in range(200):
        try:
            conn = socket.create_connection(("127.0.0.1", port)); break
        except OSError:
            time.sleep(0.05)
    else:
        sys.exit("redis-memory: redis-server did not start")
    reader = conn.makefile("rb")

    def encode(*args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        return b"".join(out)

    def reply():
        line = reader.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            data = reader.read(size + 2)[:-2]
            return data
        if kind == b"*":
            return [reply() for _ in range(int(rest))]
        if kind == b"-":
            raise RuntimeError(rest.decode())
        return rest

    def call(*args):
        conn.sendall(encode(*args)); return reply()

    def used_memory():
        info = call("INFO", "memory").decode()
        return int(next(l.split(":")[1] for l in info.splitlines() if l.startswith("used_memory:")))

    ttl = 30 * 24 * 3600
    def submission(i, tests, source_bytes, events, message):
        name = "s-%d-%08x" % (i, i * 2654435761 % 2**32)
        ts = "2026-12-03T14:%02d:%02dZ" % (i // 60 % 60, i % 60)
        test_results = [{"name": "test-%d" % t, "verdict": "Accepted", "timeMs": 3 + t % 7, "memoryKiB": 3400 + t,
                         "exitCode": 0, "points": 1.0, **({"message": message} if message else {})} for t in range(tests)]
        archive = {
            "metadata": {"name": name, "namespace": "kubejudge-judges", "uid": "0f8e%028x" % i, "creationTimestamp": ts,
                         "labels": {"kubejudge.io/user-id": str(1000 + i % 500), "kubejudge.io/submission-id": str(i)}},
            "spec": {"problem": "aplusb", "language": "cpp", "pool": "default", "priority": "normal",
                     "userId": str(1000 + i % 500), "submissionId": str(i), "source": "x" * source_bytes},
            "status": {"phase": "Completed", "verdict": "Accepted", "score": float(tests), "maxScore": float(tests),
                       "timeMs": 9, "memoryKiB": 3500, "compile": {"success": True, "message": "", "timeMs": 812},
                       "tests": test_results, "attempts": 1, "jobName": name + "-1", "observedRejudge": 0,
                       "queuedAt": ts, "admittedAt": ts, "completedAt": ts,
                       "judge": {"runnerVersion": "0.1.0", "compilerVersion": "g++ (Debian 12.2.0-14) 12.2.0",
                                 "pool": "default", "node": "judge-node-1", "landlock": True},
                       "history": [{"rejudge": 0, "verdict": "Accepted", "score": float(tests), "timeMs": 9,
                                    "memoryKiB": 3500, "completedAt": ts}],
                       "conditions": [{"type": t, "status": "True", "reason": r, "message": m, "lastTransitionTime": ts,
                                       "observedGeneration": 1} for t, r, m in
                                      [("Admitted", "Admitted", "a judge slot of pool default"),
                                       ("Completed", "Judged", "Accepted: %d/%d tests" % (tests, tests))]],
                       "observedGeneration": 1}}
        event_log = []
        for e in range(events):
            phase = ["Queued", "Admitted", "Running"][min(e, 2)] if e < events - 1 else "Completed"
            event_log.append(json.dumps({"namespace": "kubejudge-judges", "submission": name, "submissionId": str(i),
                                         "phase": phase, "attempts": 1, "testsDone": min(tests, e * tests // max(1, events - 1)),
                                         "terminal": phase == "Completed", "at": ts}, separators=(",", ":")))
        return name, json.dumps(archive, separators=(",", ":")), event_log

    profiles = [("a+b", 12, 200, 8, None), ("large", 100, 8192, 30, "ok, 1000 numbers, the last: 123456789")]
    limit = 512 * 1024 * 1024
    print("%-6s %8s %12s %14s %16s %18s" % ("", "tests", "archive JSON", "memory/sub", "fit in 80% of", "per day over"))
    print("%-6s %8s %12s %14s %16s %18s" % ("", "", "bytes", "bytes", "512 MiB", "30 days"))
    for label, tests, source, events, message in profiles:
        call("FLUSHALL")
        base = used_memory()
        sample = 0
        batch = []
        for i in range(n):
            name, archive, event_log = submission(i, tests, source, events, message)
            sample = len(archive)
            batch.append(encode("SET", "kubejudge:archive:kubejudge-judges:" + name, archive, "EX", ttl))
            batch.append(encode("SET", "kubejudge:submission-id:kubejudge-judges:%d" % i, name, "EX", ttl))
            batch.append(encode("RPUSH", "kubejudge:events-log:kubejudge-judges:" + name, *event_log))
            batch.append(encode("EXPIRE", "kubejudge:events-log:kubejudge-judges:" + name, ttl))
            if len(batch) >= 400:
                conn.sendall(b"".join(batch))
                for _ in batch: reply()
                batch = []
        if batch:
            conn.sendall(b"".join(batch))
            for _ in batch: reply()
        per = (used_memory() - base) / n
        fit = int(0.8 * limit / per)
        print("%-6s %8d %12d %14d %16d %18d" % (label, tests, sample, per, fit, fit // 30))
finally:
    server.terminate(); server.wait()
    for f in os.listdir(work): os.remove(os.path.join(work, f))
    os.rmdir(work)
EOF
echo "== load: $(uptime)"
