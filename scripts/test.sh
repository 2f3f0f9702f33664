#!/usr/bin/env bash
# Runs every test: on SQLite, and on PostgreSQL too. Starts a throw-away PostgreSQL cluster
# (installing it from Debian if needed) unless HEARD_TEST_POSTGRES_URL already names a server.
# Usage: scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/postgres-lib.sh
trap pg_stop_throwaway EXIT

if [ -z "${HEARD_TEST_POSTGRES_URL:-}" ] && [ "${HEARD_TEST_SKIP_POSTGRES:-}" != "1" ]; then
  if pg_start_throwaway; then
    export HEARD_TEST_POSTGRES_URL="$PG_URL"
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running for the tests ($PG_URL)."
  else
    echo "Running the SQLite tests only (or set HEARD_TEST_POSTGRES_URL)." >&2
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

# The proof checks (real browsers with axe, API fuzzing, crash safety) after a full run, not after a
# filtered one. HEARD_TEST_SKIP_PROOF=1 leaves them out. The crash test uses the PostgreSQL above too.
if [ $# -eq 0 ] && [ "${HEARD_TEST_SKIP_PROOF:-}" != "1" ]; then
  HEARD_SKIP_BUILD=1 scripts/proof.sh
fi
