#!/usr/bin/env bash
# Crash safety: submits feedback from several threads, kill -9s the server mid-stream, restarts it on the
# same database and checks every acknowledged (201) submission is there and whole. On SQLite, and on
# PostgreSQL too when HEARD_TEST_POSTGRES_URL names a server (a fresh database is created and dropped).
# Ends with "crash: N passed, M failed" (one check per database).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/proof-lib.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/heard-crash-XXXXXX")
pg_database=""
cleanup() {
  heard_stop_all
  if [ -n "$pg_database" ]; then
    psql "$HEARD_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM
trap "exit 130" INT
heard_build
mkdir -p artifacts/crash

passed=0
failed=0
run_one() {
  local label="$1" database="$2"
  if ! "$HEARD_BIN" demo --database "$database" >"artifacts/crash/demo-$label.log" 2>&1; then
    echo "FAIL crash[$label]: heard demo failed (artifacts/crash/demo-$label.log)"
    failed=$((failed + 1))
    return
  fi
  if timeout 900 python3 tests/crash/crash_test.py --heard "$HEARD_BIN" --database "$database" \
    --label "$label" --work "$work"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    cp "$work"/server-"$label".log artifacts/crash/ 2>/dev/null || true
  fi
}

run_one sqlite "$work/heard.sqlite"

if [ -n "${HEARD_TEST_POSTGRES_URL:-}" ]; then
  pg_database="heard_crash_$$"
  psql "$HEARD_TEST_POSTGRES_URL" -qc "CREATE DATABASE $pg_database" >/dev/null
  pg_url=$(python3 -c 'import sys, urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' \
    "$HEARD_TEST_POSTGRES_URL" "$pg_database")
  run_one postgresql "$pg_url"
fi

echo "crash: $passed passed, $failed failed"
[ "$failed" = 0 ]
