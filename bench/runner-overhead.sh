#!/usr/bin/env bash
# The judge-runner's cost, measured on this machine (issue 3's targets in brackets):
#
#  1. Per-test overhead of the run step [<= 1 ms]: a problem of 1000 tests of a trivial C
#     program judged by `kubejudge judge --timing` (the run step's own time, JVM start
#     excluded: one launcher batch, outputs, verdicts, run report) against the same binary
#     run 1000 times bare (posix_spawn + waitpid from C). A batch only has a total, so the
#     comparison is mean against mean; the bare median is printed too. Median over rounds.
#  2. A 100-test local judge [within compile time + 0.3 s]: judge time minus compile time,
#     from the runner's own timing, median of 5; the end-to-end figure (JVM start included)
#     is printed too.
#  3. A Kattis pass-fail package of 100 tests (stops at the first failure, so the launcher's
#     stop_on_failure batch) [per-test overhead <= 1 ms over bare exec]: run step per test
#     against the bare spawn of section 1, and the whole judge end to end, medians.
#  4. The same as an interactive pass-fail package (a validator that accepts at once): one
#     batch, two processes per test, so against two bare spawns per test.
#
# Usage: bench/runner-overhead.sh [rounds]   (default 5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-5}"
WORK="$(mktemp -d /tmp/kubejudge-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# The runner jar (built once by ./kubejudge when missing or stale).
"$ROOT/kubejudge" --version >/dev/null

# judge <problem> <source> <name>: judges with --timing, fails the bench unless Accepted, prints the
# runner's timing line (the JSON result stays in $WORK/<name>.json).
judge() {
  local timing
  timing="$("$ROOT/kubejudge" judge "$1" "$2" --json --timing 2>&1 >"$WORK/$3.json")"
  grep -q '"verdict":"Accepted"' "$WORK/$3.json" || { echo "bench: $3 was not accepted: $(head -c 600 "$WORK/$3.json")" >&2; exit 1; }
  echo "$timing"
}

make_problem() { # <dir> <tests> <input> <answer>
  mkdir -p "$1/tests"
  printf 'timeLimitMs: 1000\nmemoryLimitMiB: 64\n' > "$1/problem.yaml"
  for i in $(seq 1 "$2"); do
    printf '%s\n' "$3" > "$1/tests/$i.in"
    printf '%s\n' "$4" > "$1/tests/$i.ans"
  done
}

# ---------------------------------------------------------------- 1. per test
cat > "$WORK/trivial.c" <<'C'
int main(void) { return 0; }
C
gcc -std=c17 -O2 -o "$WORK/trivial" "$WORK/trivial.c"
gcc -O2 -o "$WORK/spawn-baseline" "$ROOT/bench/spawn-baseline.c"
make_problem "$WORK/p1000" 1000 "" ""

bare=()
bare_median=()
kept=()
step=()
for r in $(seq 1 "$ROUNDS"); do
  line="$("$WORK/spawn-baseline" 1000 "$WORK/trivial" "$WORK/p1000/tests/1.in")"
  bare+=("$(echo "$line" | field mean_us)")
  bare_median+=("$(echo "$line" | field median_us)")
  # The same, keeping each test's stdout and stderr in new files, as the run step does.
  rm -rf "$WORK/bare-out"; mkdir "$WORK/bare-out"
  kept+=("$("$WORK/spawn-baseline" 1000 "$WORK/trivial" "$WORK/p1000/tests/1.in" "$WORK/bare-out" | field mean_us)")
  timing="$(judge "$WORK/p1000" "$WORK/trivial.c" p1000)"
  run_ms="$(echo "$timing" | field run_ms)"
  step+=("$(awk -v ms="$run_ms" 'BEGIN { printf "%.1f", ms * 1000 / 1000 }')")  # ms per 1000 tests = us per test
done
bare_us="$(printf '%s\n' "${bare[@]}" | median)"
kept_us="$(printf '%s\n' "${kept[@]}" | median)"
step_us="$(printf '%s\n' "${step[@]}" | median)"
overhead_us="$(awk -v s="$step_us" -v b="$bare_us" 'BEGIN { printf "%.1f", s - b }')"

echo "== per-test overhead, 1000 tests of a trivial C program (median of $ROUNDS) =="
echo "bare posix_spawn+waitpid:       ${bare_us} us/test (median spawn $(printf '%s\n' "${bare_median[@]}" | median) us)"
echo "run step (launcher batch):      ${step_us} us/test"
echo "overhead:                       ${overhead_us} us/test  (target <= 1000 us)"
echo "ratio run step / bare:          $(awk -v s="$step_us" -v b="$bare_us" 'BEGIN { printf "%.2f", s / b }')"
echo "bare, outputs kept in files:    ${kept_us} us/test (stdout and stderr of each run in new files)"
echo "overhead over that:             $(awk -v s="$step_us" -v b="$kept_us" 'BEGIN { printf "%.1f", s - b }') us/test"

# ---------------------------------------------------------------- 2. 100 tests
cat > "$WORK/sum.cpp" <<'CPP'
#include <iostream>
int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\n'; }
CPP
make_problem "$WORK/p100" 100 "20 22" "42"

compile=()
rest=()
total=()
e2e=()
for r in $(seq 1 "$ROUNDS"); do
  start=$(date +%s%N)
  timing="$(judge "$WORK/p100" "$WORK/sum.cpp" p100)"
  end=$(date +%s%N)
  c="$(echo "$timing" | field compile_ms)"
  t="$(echo "$timing" | field total_ms)"
  compile+=("$c")
  total+=("$t")
  rest+=("$((t - c))")
  e2e+=("$(((end - start) / 1000000))")
done

echo
echo "== local judge of 100 tests, C++ a+b (median of $ROUNDS) =="
echo "compile:                        $(printf '%s\n' "${compile[@]}" | median) ms"
echo "judge minus compile:            $(printf '%s\n' "${rest[@]}" | median) ms  (target <= 300 ms)"
echo "judge (runner's own timing):    $(printf '%s\n' "${total[@]}" | median) ms"
echo "end to end (with JVM start):    $(printf '%s\n' "${e2e[@]}" | median) ms"
echo "ratio judge / compile:          $(awk -v t="$(printf '%s\n' "${total[@]}" | median)" -v c="$(printf '%s\n' "${compile[@]}" | median)" 'BEGIN { printf "%.2f", t / c }')"

# ---------------------------------------------------------------- 3. Kattis pass-fail, 100 tests
# The trivial C program of section 1 (empty answers), so that bare exec is the same baseline:
# a Kattis pass-fail package (stop at the first failure: the launcher's stop_on_failure batch)
# against the same 100 tests in KubeJudge's format (no stop) and 100 bare spawns.
mkdir -p "$WORK/kattis/data/sample" "$WORK/kattis/data/secret"
printf 'name: Bench\nlimits:\n  time_limit: 1\n  memory: 256\n' > "$WORK/kattis/problem.yaml"
: > "$WORK/kattis/data/sample/1.in"; : > "$WORK/kattis/data/sample/1.ans"
for i in $(seq -w 1 99); do
  : > "$WORK/kattis/data/secret/$i.in"; : > "$WORK/kattis/data/secret/$i.ans"
done
"$ROOT/kubejudge" problem "$WORK/kattis" | grep -q 'stopOnFirstFailure: true' \
  || { echo "bench: the Kattis package does not stop on the first failure" >&2; exit 1; }
make_problem "$WORK/plain100" 100 "" ""
kbare=()
kkept=()
krun=()
prun=()
ke2e=()
for r in $(seq 1 "$ROUNDS"); do
  kbare+=("$("$WORK/spawn-baseline" 100 "$WORK/trivial" "$WORK/kattis/data/sample/1.in" | field mean_us)")
  rm -rf "$WORK/bare-out"; mkdir "$WORK/bare-out"
  kkept+=("$("$WORK/spawn-baseline" 100 "$WORK/trivial" "$WORK/kattis/data/sample/1.in" "$WORK/bare-out" | field mean_us)")
  start=$(date +%s%N)
  timing="$(judge "$WORK/kattis" "$WORK/trivial.c" kattis)"
  end=$(date +%s%N)
  krun+=("$(echo "$timing" | field run_ms)")
  ke2e+=("$(((end - start) / 1000000))")
  timing="$(judge "$WORK/plain100" "$WORK/trivial.c" plain100)"
  prun+=("$(echo "$timing" | field run_ms)")
done
kbare_us="$(printf '%s\n' "${kbare[@]}" | median)"
kkept_us="$(printf '%s\n' "${kkept[@]}" | median)"
kattis_us="$(awk -v ms="$(printf '%s\n' "${krun[@]}" | median)" 'BEGIN { printf "%.1f", ms * 1000 / 100 }')"
plain_us="$(awk -v ms="$(printf '%s\n' "${prun[@]}" | median)" 'BEGIN { printf "%.1f", ms * 1000 / 100 }')"
echo
echo "== Kattis pass-fail package, 100 tests of a trivial C program, stop at the first failure (median of $ROUNDS) =="
echo "bare posix_spawn+waitpid:       ${kbare_us} us/test"
echo "run step, Kattis pass-fail:     ${kattis_us} us/test (run step $(printf '%s\n' "${krun[@]}" | median) ms)"
echo "run step, same tests, no stop:  ${plain_us} us/test"
echo "overhead over bare (Kattis):    $(awk -v s="$kattis_us" -v b="$kbare_us" 'BEGIN { printf "%.1f", s - b }') us/test  (target <= 1000 us)"
echo "bare, outputs kept in files:    ${kkept_us} us/test; overhead over that: $(awk -v s="$kattis_us" -v b="$kkept_us" 'BEGIN { printf "%.1f", s - b }') us/test"
echo "end to end (with JVM start):    $(printf '%s\n' "${ke2e[@]}" | median) ms"

# ---------------------------------------------------------------- 4. interactive pass-fail, 100 tests
# The same tests, judged by an interactive validator that accepts at once: the launcher starts it
# beside each test's program (one stop_on_failure batch), so the baseline is two bare spawns. The
# run step also builds the validator: the per-test figure is the slope between this package and
# the same one with 2 tests, which cancels the build.
cp -r "$WORK/kattis" "$WORK/interactive"
printf 'name: Bench\nvalidation: custom interactive\nlimits:\n  time_limit: 1\n  memory: 256\n' > "$WORK/interactive/problem.yaml"
mkdir -p "$WORK/interactive/output_validators/accept"
printf 'int main(void) { return 42; }\n' > "$WORK/interactive/output_validators/accept/accept.c"
cp -r "$WORK/interactive" "$WORK/interactive2"
find "$WORK/interactive2/data/secret" -type f ! -name '01.*' -delete
"$ROOT/kubejudge" problem "$WORK/interactive" | grep -q 'stopOnFirstFailure: true' \
  || { echo "bench: the interactive package does not stop on the first failure" >&2; exit 1; }
islope=()
irun=()
ie2e=()
for r in $(seq 1 "$ROUNDS"); do
  start=$(date +%s%N)
  timing="$(judge "$WORK/interactive" "$WORK/trivial.c" interactive)"
  end=$(date +%s%N)
  run100="$(echo "$timing" | field run_ms)"
  timing="$(judge "$WORK/interactive2" "$WORK/trivial.c" interactive2)"
  run2="$(echo "$timing" | field run_ms)"
  irun+=("$run100")
  islope+=("$(awk -v a="$run100" -v b="$run2" 'BEGIN { printf "%.1f", (a - b) * 1000 / 98 }')")
  ie2e+=("$(((end - start) / 1000000))")
done
interactive_us="$(printf '%s\n' "${islope[@]}" | median)"
echo
echo "== interactive pass-fail package, 100 tests, validator accepting at once (median of $ROUNDS) =="
echo "bare posix_spawn+waitpid x 2:   $(awk -v b="$kbare_us" 'BEGIN { printf "%.1f", 2 * b }') us/test"
echo "run step, interactive:          ${interactive_us} us/test (100 tests against 2; run step of 100 tests $(printf '%s\n' "${irun[@]}" | median) ms, validator build included)"
echo "overhead over 2 x bare:         $(awk -v s="$interactive_us" -v b="$kbare_us" 'BEGIN { printf "%.1f", s - 2 * b }') us/test  (target <= 1000 us)"
echo "end to end (with JVM start):    $(printf '%s\n' "${ie2e[@]}" | median) ms"
