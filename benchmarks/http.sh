#!/usr/bin/env bash
# Load benchmark: public page reads and durable feedback submissions through the real server, on SQLite
# and on PostgreSQL, measured with wrk (installed from Debian when missing). Builds release first.
#
#   benchmarks/http.sh                 # both databases, 15 s per run
#   HEARD_BENCH_SECONDS=30 HEARD_BENCH_DATABASES=sqlite benchmarks/http.sh
#
# Each run prints requests/s and p50/p99 latency. Submissions are counted as durable only with a 201,
# which the server sends after the commit carrying the item has returned (synchronous=FULL on SQLite,
# synchronous_commit=on on PostgreSQL); the script then checks the database holds at least that many.
# The server runs as `heard serve` would in production, except: LOG_LEVEL=notice (no line per request)
# and HEARD_SUBMISSIONS_PER_HOUR=0 (every request comes from one address).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/proof-lib.sh
source scripts/postgres-lib.sh

seconds="${HEARD_BENCH_SECONDS:-15}"
databases="${HEARD_BENCH_DATABASES:-sqlite postgresql}"
read_connections="${HEARD_BENCH_READ_CONNECTIONS:-64}"
submit_connections="${HEARD_BENCH_SUBMIT_CONNECTIONS:-64}"
HEARD_BIN="${HEARD_BENCH_BIN:-$PWD/.build/release/heard}"

work=$(mktemp -d "${TMPDIR:-/tmp}/heard-http-XXXXXX")
cleanup() {
  heard_stop_all
  pg_stop_throwaway
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM
trap "exit 130" INT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk from Debian packages…"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [ "${HEARD_SKIP_BUILD:-}" != "1" ]; then
  swift build -c release --product heard
fi

export LUA_PATH="$PWD/benchmarks/http/?.lua;;"
export LOG_LEVEL=notice HEARD_SUBMISSIONS_PER_HOUR=0

# wrk_run LABEL CONNECTIONS SCRIPT URL: one timed run after a short warm-up; prints a table row.
wrk_run() {
  local label="$1" connections="$2" script="$3" url="$4" line
  wrk -t1 -c"$connections" -d2s -s "$script" "$url" >/dev/null
  line=$(wrk -t1 -c"$connections" -d"${seconds}s" -s "$script" "$url" | grep '^RESULT')
  LAST_RESULT="$line"
  python3 - "$label" "$connections" "$line" <<'PY'
import sys
label, connections, line = sys.argv[1], sys.argv[2], sys.argv[3]
fields = dict(part.split("=") for part in line.split()[1:])
print(f"| {label:<34} | {connections:>5} | {int(fields['rate']):>8,} | {float(fields['p50_ms']):>8.2f} | "
      f"{float(fields['p99_ms']):>8.2f} | {int(fields['requests']):>9,} | {int(fields['non_2xx']) + int(fields['socket_errors']):>6} |")
PY
}

result_field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$LAST_RESULT"; }

bench_database() {
  local label="$1" database="$2" port base consultation service before after acknowledged
  port=$(free_port)
  "$HEARD_BIN" demo --database "$database" >"$work/demo-$label.log" 2>&1
  heard_start "$database" "$port" "$work/server-$label.log"
  base="http://127.0.0.1:$port"
  consultation=$(curl -fsS "$base/consultations" | grep -o 'href="/consultations/[0-9a-fA-F-]\{36\}"' | head -n1 |
    sed -E 's/href="([^"]+)"/\1/')
  service=$(curl -fsS "$base/api/v1/services" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  [ -n "$consultation" ] && [ -n "$service" ] || { echo "demo data missing a consultation or service" >&2; return 1; }

  echo
  echo "### $label ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| Run | conns | req/s | p50 ms | p99 ms | requests | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  HEARD_PATHS="/" wrk_run "home page" "$read_connections" benchmarks/http/read.lua "$base"
  HEARD_PATHS="$consultation" wrk_run "a consultation" "$read_connections" benchmarks/http/read.lua "$base"
  HEARD_PATHS="/stories" wrk_run "stories" "$read_connections" benchmarks/http/read.lua "$base"
  HEARD_PATHS="/,$consultation,/stories" wrk_run "mixed public reads" "$read_connections" \
    benchmarks/http/read.lua "$base"

  before=$(stored_api_items "$label" "$database")
  HEARD_SERVICE_ID="$service" wrk_run "POST /api/v1/feedback (durable)" "$submit_connections" \
    benchmarks/http/submit.lua "$base"
  # /metrics answers this machine; with HEARD_METRICS_TOKEN in the environment the server wants it sent.
  curl -fsS ${HEARD_METRICS_TOKEN:+-H "Authorization: Bearer $HEARD_METRICS_TOKEN"} "$base/metrics" | awk '/^heard_feedback_group_commits_total/ {g=$2} /^heard_feedback_items_committed_total/ {i=$2}
    END { if (g > 0) printf "\nGroup commits: %d items in %d transactions (%.1f items per commit).\n", i, g, i / g }'
  heard_stop_all
  after=$(stored_api_items "$label" "$database")
  # Warm-up and timed run both submit; every 201 of the timed run must be stored.
  acknowledged=$(( $(result_field requests) - $(result_field non_2xx) ))
  echo
  echo "Stored by the API during warm-up and timed run: $((after - before)); acknowledged (201) in the timed run: $acknowledged."
  if [ $((after - before)) -lt "$acknowledged" ]; then
    echo "FAIL: fewer items stored than acknowledged" >&2
    return 1
  fi
}

stored_api_items() {
  local label="$1" database="$2" query="SELECT count(*) FROM feedback_items WHERE channel = 'api'"
  if [ "$label" = sqlite ]; then
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
      "$database" "$query"
  else
    psql "$database" -tAc "$query"
  fi
}

echo "Heard HTTP benchmark: wrk, 1 thread, ${seconds}s per run after a 2 s warm-up, release build."
for database in $databases; do
  case "$database" in
    sqlite) bench_database sqlite "$work/heard.sqlite" ;;
    postgresql)
      pg_start_throwaway
      psql "$PG_URL" -qc "CREATE DATABASE heard_bench" >/dev/null
      bench_database postgresql "$(pg_url_for "$PG_URL" heard_bench)"
      pg_stop_throwaway
      ;;
    *) echo "Unknown database '$database': use sqlite or postgresql." >&2; exit 64 ;;
  esac
done
