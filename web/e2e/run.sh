#!/usr/bin/env bash
# The dashboard's end-to-end tests: builds web/dist, then drives Debian's Chromium
# (headless, through playwright-core) against a `vaksam serve` the tests start on
# freshly generated synthetic data. Exit code non-zero on any failure.
#   VAKSAM_BIN   the vaksam binary (default: build/release, else build/web)
#   CHROMIUM     the browser (default /usr/bin/chromium)
#   E2E_ARTIFACTS  where screenshots and timings go (default build/e2e-artifacts)
set -euo pipefail
web="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$web/.." && pwd)"
cd "$web"
if [ -z "${VAKSAM_BIN:-}" ]; then
  for b in "$root/build/release/src/cli/vaksam" "$root/build/web/src/cli/vaksam"; do
    if [ -x "$b" ]; then VAKSAM_BIN="$b"; break; fi
  done
fi
[ -n "${VAKSAM_BIN:-}" ] && [ -x "$VAKSAM_BIN" ] || { echo "web/e2e: no vaksam binary (set VAKSAM_BIN)" >&2; exit 2; }
export VAKSAM_BIN
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "web/e2e: no Chromium at $CHROMIUM (scripts/install-deps installs it)" >&2; exit 2; }
export E2E_ARTIFACTS="${E2E_ARTIFACTS:-$root/build/e2e-artifacts}"
mkdir -p "$E2E_ARTIFACTS"
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
exec node --test --test-concurrency=1 --test-reporter=spec e2e/
