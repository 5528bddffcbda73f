#!/usr/bin/env bash
# Browser test of the web segment builder (tests/web): installs what it needs — Debian's Chromium and
# the npm packages pinned in tests/web/package-lock.json — builds the CLI once, and runs `node --test`,
# which starts `duckmart serve` on a free loopback port over a small generated database.
# Anything missing is an error, never a silent skip. Output: node's TAP, ending "# pass N" / "# fail N".
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "web-test: $*" >&2; exit 1; }

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "Chromium is missing at $chromium and this user cannot install it (not root, no sudo)."
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || fail "Chromium is missing at $chromium and apt-get is unavailable to install it."
  echo "web-test: installing Debian's chromium"
  $sudo apt-get update -qq || fail "apt-get update failed."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null || fail "apt-get install chromium failed."
  [ -x "$chromium" ] || fail "chromium installed but $chromium is still missing."
fi
export CHROMIUM="$chromium"

command -v node >/dev/null || fail "node is not on PATH."
command -v npm >/dev/null || fail "npm is not on PATH."
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in tests/web failed."

# One build, then the built program for generate/ingest/serve: `dotnet run` would rebuild for each.
if [ -z "${WEB_TEST_SKIP_BUILD:-}" ]; then
  dotnet build src/DuckMart.Cli -c Debug -nologo -v q || fail "building the CLI failed."
fi
cli_dll="$PWD/src/DuckMart.Cli/bin/Debug/net10.0/duckmart.dll"
[ -f "$cli_dll" ] || fail "$cli_dll is missing: build src/DuckMart.Cli first."
export DUCKMART_CLI="dotnet $cli_dll"

cd tests/web
exec node --test --test-reporter=tap
