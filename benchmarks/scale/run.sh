#!/usr/bin/env bash
# Scale benchmark: a region's worth of feedback in PostgreSQL, and how fast the heavy pages answer.
#
#   benchmarks/scale/run.sh                     # 10 million items: build, start PostgreSQL, migrate, generate, time
#   benchmarks/scale/run.sh --rows 100000       # a quick run
#   benchmarks/scale/run.sh --reuse             # keep the cluster and data of an earlier run (migrates, then times)
#
# Options: --rows N (feedback items, default 10000000), --requests N (timed requests per page, default 50),
# --reuse, --keep (leave PostgreSQL running afterwards), --skip-build (use .build/release/heard as it is).
# Environment: HEARD_SCALE_DIR (cluster and logs, default /tmp/heard-scale), HEARD_SCALE_PG_PORT (default
# 55432), HEARD_SCALE_HTTP_PORT (default 18090), HEARD_BIN (default .build/release/heard).
# Prints p50, p95 and max per page, and exits non-zero when any p95 is 300 ms or more; then times one
# download of each open data file and prints the server's peak memory.
# Not in CI: generating 10 million items takes tens of minutes and about 20 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=10000000
requests=50
reuse=0
keep=0
skip_build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --reuse) reuse=1; shift ;;
    --keep) keep=1; shift ;;
    --skip-build) skip_build=1; shift ;;
    *) echo "Unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

dir="${HEARD_SCALE_DIR:-/tmp/heard-scale}"
pg_port="${HEARD_SCALE_PG_PORT:-55432}"
http_port="${HEARD_SCALE_HTTP_PORT:-18090}"
heard="${HEARD_BIN:-$PWD/.build/release/heard}"
url="postgres://heard@127.0.0.1:$pg_port/heard"
staff_email="scale-officer@bench.heard.test"
staff_password="scale-benchmark-password"

pg_bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$candidate/initdb" ] && { pg_bin="$candidate"; break; }
done
[ -n "$pg_bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)." >&2; exit 1; }
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "$keep" = 0 ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

if [ "$skip_build" = 0 ]; then
  echo "Building heard (release)…"
  swift build -c release --product heard
fi
[ -x "$heard" ] || { echo "No heard executable at $heard" >&2; exit 1; }

# PostgreSQL: our own cluster, port and settings, so nothing else on the machine is touched.
if [ "$reuse" = 0 ] && [ -d "$dir/data" ]; then
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir/data"
fi
mkdir -p "$dir"
[ "$(id -u)" = "0" ] && chown postgres "$dir"
if [ ! -d "$dir/data" ]; then
  as_pg "$pg_bin/initdb" -D "$dir/data" -U heard -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$pg_bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  # A modest server for a 2-core machine: 1 GB of shared buffers, SSD costs. The same settings
  # are in the README next to the figures.
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $pg_port -k $dir \
    -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c effective_cache_size=8GB -c work_mem=32MB \
    -c maintenance_work_mem=1GB -c max_wal_size=8GB -c random_page_cost=1.1 -c jit=off" start >/dev/null
fi
psql_q() { psql -X -q -h 127.0.0.1 -p "$pg_port" -U heard "$@"; }
if ! psql_q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'heard'" | grep -q 1; then
  psql_q -d postgres -c "CREATE DATABASE heard"
fi

echo "Migrating…"
DATABASE_URL="$url" "$heard" migrate --log-level warning
if [ "$(psql_q -d heard -tAc "SELECT count(*) FROM places")" = "0" ]; then
  echo "Generating $rows feedback items…"
  start=$SECONDS
  # psql reads the file as it goes: work from a copy, so editing the script meanwhile cannot break the run.
  cp benchmarks/scale/generate.sql "$dir/generate.sql"
  psql_q -d heard -v rows="$rows" -f "$dir/generate.sql" | grep -v '^Time:' || true
  echo "Generated in $((SECONDS - start)) s."
else
  echo "Reusing the data already there."
fi
psql_q -d heard -c "SELECT (SELECT count(*) FROM feedback_items) AS feedback_items,
  (SELECT count(*) FROM feedback_themes) AS feedback_themes, (SELECT count(*) FROM actions) AS actions,
  pg_size_pretty(pg_database_size('heard')) AS database_size"

if [ "$(psql_q -d heard -tAc "SELECT count(*) FROM users WHERE email = '$staff_email'")" = "0" ]; then
  printf '%s\n' "$staff_password" | DATABASE_URL="$url" "$heard" user create --email "$staff_email" \
    --role engagement_officer >/dev/null
fi
place=$(psql_q -d heard -tAc "SELECT slug FROM places ORDER BY name LIMIT 1")
organisation=$(psql_q -d heard -tAc "SELECT o.id FROM organisations o JOIN feedback_items f ON f.organisation_id = o.id
  WHERE f.reference = 'HRD-00000001'")
theme="Timeliness of care"

# HEARD_PUBLIC_CACHE_SECONDS=0: every request builds its page from the database (the public page cache
# would otherwise answer most signed-out requests from memory, and the figures would not be the queries').
DATABASE_URL="$url" HEARD_PUBLIC_CACHE_SECONDS=0 "$heard" serve --no-migrate --no-worker --port "$http_port" \
  --log-level warning \
  >"$dir/heard.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fsS --max-time 2 "http://127.0.0.1:$http_port/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { tail -n 30 "$dir/heard.log" >&2; exit 1; }
  sleep 0.2
done

echo "Timing $requests requests per page (place $place, theme '$theme', organisation $organisation)…"
status=0
python3 benchmarks/scale/measure.py --port "$http_port" --email "$staff_email" --password "$staff_password" \
  --place "$place" --theme "$theme" --organisation "$organisation" --requests "$requests" \
  --json "$dir/results.json" --open-data || status=$?
# Streaming keeps the server's memory flat however large the files: its peak resident size says so.
echo "heard serve peak memory: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server_pid/status")"
exit "$status"
