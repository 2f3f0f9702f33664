#!/usr/bin/env bash
# Runs every test: on SQLite, and on PostgreSQL too. Starts a throw-away PostgreSQL cluster
# (installing it from Debian if needed) unless HEARD_TEST_POSTGRES_URL already names a server.
# Usage: scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

started_cluster=""
cleanup() {
  if [ -n "$started_cluster" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$started_cluster" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$started_cluster"
  fi
}
trap cleanup EXIT

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_pg_bin() {
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

if [ -z "${HEARD_TEST_POSTGRES_URL:-}" ] && [ "${HEARD_TEST_SKIP_POSTGRES:-}" != "1" ]; then
  if ! PG_BIN=$(find_pg_bin); then
    if [ "$(id -u)" = "0" ]; then
      echo "Installing PostgreSQL from Debian packages…"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      PG_BIN=$(find_pg_bin)
    else
      echo "PostgreSQL is not installed and this is not root: running the SQLite tests only." >&2
      echo "Install it (apt-get install postgresql) or set HEARD_TEST_POSTGRES_URL." >&2
    fi
  fi
  if [ -n "${PG_BIN:-}" ]; then
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    cluster=$(mktemp -d "${TMPDIR:-/tmp}/heard-pg-XXXXXX")
    [ "$(id -u)" = "0" ] && chown postgres "$cluster"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    as_pg "$PG_BIN/initdb" -D "$cluster/data" -U heard -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$PG_BIN/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
      -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    started_cluster="$cluster/data"
    export HEARD_TEST_POSTGRES_URL="postgres://heard@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on port $port for the tests."
  fi
fi

# A real SMTP server for the notice tests: aiosmtpd from PyPI in a virtual environment.
if [ -z "${HEARD_TEST_PYTHON:-}" ]; then
  venv=.venv-test
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import aiosmtpd" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check aiosmtpd
  fi
  export HEARD_TEST_PYTHON="$PWD/$venv/bin/python"
fi

swift build --build-tests
swift test --skip-build "$@"
