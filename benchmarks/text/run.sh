#!/usr/bin/env bash
# Benchmarks `heard analyse` against the scikit-learn baseline on the same comments, in one run.
#
#   benchmarks/text/run.sh [ROWS]        (default 1,000,000)
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

echo "== heard analyse"
if [ -x /usr/bin/time ]; then
    $PIN /usr/bin/time -v "$HEARD" analyse --input "$BENCH_DIR/comments.csv" --text-column comment \
        --question-column question --output "$BENCH_DIR/analysed.csv" 2> "$BENCH_DIR/heard.log"
else
    $PIN "$HEARD" analyse --input "$BENCH_DIR/comments.csv" --text-column comment \
        --question-column question --output "$BENCH_DIR/analysed.csv" 2> "$BENCH_DIR/heard.log"
fi
grep "rows in" "$BENCH_DIR/heard.log"
HEARD_RATE=$(grep -o '([0-9]* comments/s)' "$BENCH_DIR/heard.log" | grep -o '[0-9]*' | head -1)
PEAK_KB=$(grep "Maximum resident set size" "$BENCH_DIR/heard.log" | grep -o '[0-9]*' || echo "")
WALL=$(grep "Elapsed (wall clock)" "$BENCH_DIR/heard.log" | awk '{print $NF}' || echo "")
HEARD_ROWS=$(grep -o '^[0-9]* rows in' "$BENCH_DIR/heard.log" | grep -o '^[0-9]*' | head -1)
HEARD_CPU=$(awk -F': ' '/User time|System time/ {sum += $2} END {print sum}' "$BENCH_DIR/heard.log" || echo "")

echo "== scikit-learn baseline"
if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install --quiet scikit-learn
fi
BASELINE_OUT=$($PIN .venv-bench/bin/python benchmarks/text/baseline.py "$SHARED" "$BENCH_DIR/comments.csv")
echo "$BASELINE_OUT"
BASE_RATE=$(echo "$BASELINE_OUT" | grep '^baseline_rate' | cut -d= -f2)
BASE_CPU_RATE=$(echo "$BASELINE_OUT" | grep '^baseline_cpu_rate' | cut -d= -f2)

echo "== result"
echo "heard analyse (whole process, CSV in and out): $HEARD_RATE comments/s${WALL:+, wall $WALL}"
echo "baseline (vectorise + predict, in-process):    $BASE_RATE comments/s"
python3 -c "print(f'ratio (wall clock): {$HEARD_RATE / $BASE_RATE:.1f}x')"
if [ -n "$HEARD_CPU" ] && [ -n "$BASE_CPU_RATE" ]; then
    # CPU time is robust to other work on the machine; wall clock is what a user sees on an idle one.
    python3 -c "r = $HEARD_ROWS / $HEARD_CPU; print(f'per CPU-second: heard {r:.0f}/s (whole process, user + system), baseline $BASE_CPU_RATE/s; ratio {r / $BASE_CPU_RATE:.1f}x')"
fi
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$PEAK_KB" ]; then python3 -c "print(f'heard peak memory: {$PEAK_KB / 1024:.0f} MB')"; fi
