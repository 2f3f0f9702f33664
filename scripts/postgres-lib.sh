#!/usr/bin/env bash
# Starts and stops a throw-away PostgreSQL cluster for tests and benchmarks. Source it, do not run it.
# pg_start_throwaway [extra postgres settings…] sets PG_URL (postgres://heard@127.0.0.1:PORT/postgres) and
# PG_CLUSTER; pg_stop_throwaway stops it and removes its files. Installs PostgreSQL from Debian when root.

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# Returns 1 (with a message) when PostgreSQL is missing and cannot be installed.
pg_ensure_installed() {
  PG_BIN=$(find_pg_bin) && return 0
  if [ "$(id -u)" != "0" ]; then
    echo "PostgreSQL is not installed and this is not root: install it (apt-get install postgresql)." >&2
    return 1
  fi
  echo "Installing PostgreSQL from Debian packages…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(find_pg_bin)
}

pg_start_throwaway() {
  pg_ensure_installed || return 1
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  local cluster port setting options=""
  cluster=$(mktemp -d "${TMPDIR:-/tmp}/heard-pg-XXXXXX")
  [ "$(id -u)" = "0" ] && chown postgres "$cluster"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  for setting in "$@"; do options+=" -c $setting"; done
  as_pg "$PG_BIN/initdb" -D "$cluster/data" -U heard -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
    -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=300$options" start >/dev/null
  PG_CLUSTER="$cluster"
  PG_URL="postgres://heard@127.0.0.1:$port/postgres"
}

pg_stop_throwaway() {
  [ -n "${PG_CLUSTER:-}" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_CLUSTER/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_CLUSTER"
  PG_CLUSTER=""
}

# pg_url_for URL DATABASE: the same server, another database.
pg_url_for() {
  python3 -c 'import sys, urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$1" "$2"
}
