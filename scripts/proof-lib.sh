#!/usr/bin/env bash
# Helpers shared by the proof checks (browser tests, API fuzzing, crash test). Source it, do not run it.
# Every server started with heard_start is stopped by heard_stop_all, which the scripts call on EXIT.

HEARD_BIN="${HEARD_BIN:-$PWD/.build/debug/heard}"
HEARD_PIDS=()

# Builds the heard executable (debug) unless HEARD_SKIP_BUILD=1.
heard_build() {
  if [ "${HEARD_SKIP_BUILD:-}" != "1" ]; then
    swift build --product heard
  fi
  [ -x "$HEARD_BIN" ] || { echo "No heard executable at $HEARD_BIN" >&2; return 1; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# heard_start DATABASE PORT LOGFILE [extra serve arguments…]
# Starts `heard serve` in the background (environment variables set by the caller are passed on),
# sets HEARD_PID, and waits up to HEARD_START_TIMEOUT seconds (default 180) for /health to answer 200.
heard_start() {
  local database="$1" port="$2" log="$3"
  shift 3
  "$HEARD_BIN" serve --database "$database" --port "$port" "$@" >>"$log" 2>&1 &
  HEARD_PID=$!
  HEARD_PIDS+=("$HEARD_PID")
  heard_wait_healthy "$port" "$HEARD_PID" "$log"
}

heard_wait_healthy() {
  local port="$1" pid="$2" log="$3"
  local deadline=$((SECONDS + ${HEARD_START_TIMEOUT:-180}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "heard serve exited before it was healthy; its log ($log):" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    if curl -fsS --max-time 2 "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  echo "heard serve was not healthy on port $port within ${HEARD_START_TIMEOUT:-180}s; its log ($log):" >&2
  tail -n 30 "$log" >&2
  return 1
}

# heard_stop PID: SIGTERM, then SIGKILL after 20 seconds.
heard_stop() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

heard_stop_all() {
  local pid
  for pid in "${HEARD_PIDS[@]}"; do heard_stop "$pid"; done
  HEARD_PIDS=()
}

# venv_with DIR PYTHON-PACKAGE… : a virtual environment with the packages, created when missing.
venv_with() {
  local dir="$1"
  shift
  if [ ! -x "$dir/bin/python" ]; then python3 -m venv "$dir"; fi
  local missing=0 package
  for package in "$@"; do
    "$dir/bin/pip" show --quiet "$package" >/dev/null 2>&1 || missing=1
  done
  if [ "$missing" = 1 ]; then
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
  fi
}
