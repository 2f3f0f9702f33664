#!/usr/bin/env bash
# The proof checks, one after another: real-browser journeys with axe, API fuzzing, crash safety.
# Each starts (and stops) its own heard server on a fresh database. scripts/test.sh runs this at the end.
# Usage: scripts/proof.sh [browser] [fuzz] [crash]    (default: all three)
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/proof-lib.sh

checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(browser fuzz crash)

if ! heard_build; then
  echo "proof: the heard executable could not be built"
  exit 1
fi
export HEARD_SKIP_BUILD=1

failed=()
summary=()
for check in "${checks[@]}"; do
  case "$check" in
    browser) script=scripts/browser-tests.sh ;;
    fuzz) script=scripts/api-fuzz.sh ;;
    crash) script=scripts/crash-test.sh ;;
    *) echo "Unknown check '$check': use browser, fuzz or crash." >&2; exit 2 ;;
  esac
  echo "=== proof: $check ($script)"
  started=$SECONDS
  if timeout "${HEARD_PROOF_TIMEOUT:-1200}" "$script"; then outcome=passed; else outcome=FAILED; failed+=("$check"); fi
  summary+=("$check $outcome in $((SECONDS - started))s")
done

echo "=== proof summary"
printf '  %s\n' "${summary[@]}"
[ ${#failed[@]} -eq 0 ]
