#!/usr/bin/env bash
# Benchmarks `heard analyse` against the scikit-learn baseline on the same comments, in one run.
#
#   benchmarks/text/run.sh [ROWS]        (default 1,000,000; ROUNDS=3 alternating rounds of each side)
#
# Needs ../shared/data (the labelled FFT comments). Generated files go to $BENCH_DIR
# (default /tmp/heard-text-bench), never into the repository. The baseline is installed from PyPI into
# .venv-bench/ (gitignored). Both sides run on one core (taskset), one thread.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-1000000}"
SHARED="${SHARED_DATA:-../shared/data}"
BENCH_DIR="${BENCH_DIR:-/tmp/heard-text-bench}"
mkdir -p "$BENCH_DIR"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time from apt (for peak memory)"
    (apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time >/dev/null 2>&1) || true
fi
PIN=""
if command -v taskset >/dev/null; then PIN="taskset -c 0"; fi

echo "== building heard (release)"
# HEARD=/path/to/heard skips the build (e.g. to use a binary built elsewhere).
if [ -z "${HEARD:-}" ]; then
    swift build --scratch-path .build-text -c release --product heard 2>&1 | tail -1
    HEARD="$(swift build --scratch-path .build-text -c release --product heard --show-bin-path)/heard"
fi

echo "== generating $ROWS comments"
python3 benchmarks/text/make_comments.py "$SHARED" "$BENCH_DIR/comments.csv" "$ROWS"

if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install --quiet scikit-learn
fi

# Heard and the baseline take turns, ROUNDS times (default 3): on a shared machine one run of either can be
# slowed by others' work, and the median of alternating rounds is steadier than any single pair.
ROUNDS="${ROUNDS:-3}"
HEARD_RATES=()
HEARD_CPU_RATES=()
BASE_RATES=()
BASE_CPU_RATES=()
PEAK_KB=""
for ROUND in $(seq "$ROUNDS"); do
    echo "== round $ROUND of $ROUNDS: heard analyse"
    if [ -x /usr/bin/time ]; then
        $PIN /usr/bin/time -v "$HEARD" analyse --input "$BENCH_DIR/comments.csv" --text-column comment \
            --question-column question --output "$BENCH_DIR/analysed.csv" 2> "$BENCH_DIR/heard.log"
    else
        $PIN "$HEARD" analyse --input "$BENCH_DIR/comments.csv" --text-column comment \
            --question-column question --output "$BENCH_DIR/analysed.csv" 2> "$BENCH_DIR/heard.log"
    fi
    grep "rows in" "$BENCH_DIR/heard.log"
    HEARD_RATES+=("$(grep -o '([0-9]* comments/s)' "$BENCH_DIR/heard.log" | grep -o '[0-9]*' | head -1)")
    PEAK=$(grep "Maximum resident set size" "$BENCH_DIR/heard.log" | grep -o '[0-9]*' || echo "")
    if [ -n "$PEAK" ] && { [ -z "$PEAK_KB" ] || [ "$PEAK" -gt "$PEAK_KB" ]; }; then PEAK_KB="$PEAK"; fi
    HEARD_ROWS=$(grep -o '^[0-9]* rows in' "$BENCH_DIR/heard.log" | grep -o '^[0-9]*' | head -1)
    HEARD_CPU=$(awk -F': ' '/User time|System time/ {sum += $2} END {print sum}' "$BENCH_DIR/heard.log" || echo "")
    if [ -n "$HEARD_CPU" ]; then HEARD_CPU_RATES+=("$(python3 -c "print(round($HEARD_ROWS / $HEARD_CPU))")"); fi

    echo "== round $ROUND of $ROUNDS: scikit-learn baseline"
    BASELINE_OUT=$($PIN .venv-bench/bin/python benchmarks/text/baseline.py "$SHARED" "$BENCH_DIR/comments.csv")
    echo "$BASELINE_OUT" | grep -E '^baseline_(rate|cpu_rate)='
    BASE_RATES+=("$(echo "$BASELINE_OUT" | grep '^baseline_rate' | cut -d= -f2)")
    BASE_CPU_RATES+=("$(echo "$BASELINE_OUT" | grep '^baseline_cpu_rate' | cut -d= -f2)")
done

echo "== result (median of $ROUNDS alternating rounds; each round's figures above)"
python3 - "${HEARD_RATES[*]}" "${BASE_RATES[*]}" "${HEARD_CPU_RATES[*]:-}" "${BASE_CPU_RATES[*]}" <<'PY'
import statistics, sys
heard, base, heard_cpu, base_cpu = ([int(x) for x in arg.split()] for arg in sys.argv[1:5])
print(f"heard analyse (whole process, CSV in and out): {statistics.median(heard):.0f} comments/s (rounds: {heard})")
print(f"baseline (vectorise + predict, in-process):    {statistics.median(base):.0f} comments/s (rounds: {base})")
ratios = [h / b for h, b in zip(heard, base)]
print(f"ratio (wall clock): {statistics.median(heard) / statistics.median(base):.1f}x (per round: {', '.join(f'{r:.1f}' for r in ratios)})")
if heard_cpu:
    # CPU time is robust to other work on the machine; wall clock is what a user sees on an idle one.
    print(f"per CPU-second: heard {statistics.median(heard_cpu):.0f}/s (whole process, user + system), "
          f"baseline {statistics.median(base_cpu):.0f}/s; ratio {statistics.median(heard_cpu) / statistics.median(base_cpu):.1f}x")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$PEAK_KB" ]; then python3 -c "print(f'heard peak memory: {$PEAK_KB / 1024:.0f} MB')"; fi
