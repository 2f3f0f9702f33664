#!/usr/bin/env bash
# Real-browser journeys (headless Chromium + Selenium) with axe accessibility checks, on the demo site.
# Screenshots and the report go to artifacts/browser/. Ends with "browser: N passed, M failed".
# Usage: scripts/browser-tests.sh            (builds heard, starts its own demo server)
#        HEARD_PROOF_URL=http://127.0.0.1:PORT scripts/browser-tests.sh   (use a running demo server)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/proof-lib.sh

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Chromium and its WebDriver from Debian packages…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "chromium and chromium-driver are missing and this is not root: apt-get install chromium chromium-driver" >&2
    echo "browser: 0 passed, 1 failed"
    exit 1
  fi
fi

venv_with .venv-browser selenium axe-playwright-python
# Selenium Manager must not go to the network: the driver and browser come from Debian.
export SE_OFFLINE=true SE_AVOID_STATS=true

work=$(mktemp -d "${TMPDIR:-/tmp}/heard-browser-XXXXXX")
cleanup() { heard_stop_all; rm -rf "$work"; }
trap cleanup EXIT
trap "exit 143" TERM
trap "exit 130" INT

url="${HEARD_PROOF_URL:-}"
if [ -z "$url" ]; then
  heard_build
  port=$(free_port)
  echo "Starting the demo server on port $port (log: artifacts/browser/server.log)…"
  mkdir -p artifacts/browser
  : >artifacts/browser/server.log
  HEARD_BCRYPT_COST=4 heard_start "$work/heard.sqlite" "$port" artifacts/browser/server.log --demo
  url="http://127.0.0.1:$port"
fi

database_args=()
[ -z "${HEARD_PROOF_URL:-}" ] && database_args=(--database "$work/heard.sqlite")
.venv-browser/bin/python tests/browser/journeys.py --base-url "$url" --out artifacts/browser \
  --chromium "$(command -v chromium)" --chromedriver "$(command -v chromedriver)" "${database_args[@]}" "$@"
