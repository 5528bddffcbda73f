#!/usr/bin/env bash
# kill -9 during `duckmart load`, repeated (issue 6, docs/reliability.md): after every kill the published
# database opens with exactly the old or exactly the new row counts. `make test` runs 3 kills; this runs
# KILL_ITERATIONS (default 20) on data sets of KILL_USERS users (default 3000) and prints each outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build DuckMart.OData.sln -c Debug -nologo -v q >/dev/null
DUCKMART_KILL_ITERATIONS=${KILL_ITERATIONS:-20} DUCKMART_KILL_USERS=${KILL_USERS:-3000} \
  dotnet test tests/DuckMart.Cli.Tests --no-build -nologo \
  --filter "FullyQualifiedName~KillDuringLoadTests" --logger "console;verbosity=detailed" \
  | grep -E 'kill [0-9]+ after|kills:|Passed|Failed|Skipped|Error Message|Expected' 
