#!/usr/bin/env bash
# Load test (issue 6, docs/reliability.md): `duckmart serve` on loopback, wrk for a fixed time with a mixed
# workload of POST /segments (countOnly), a saved segment and OData $count queries; optionally a
# `duckmart load` publishing a new data set halfway (reload under load). Reports p50/p99, status counts
# (429 is allowed, nothing else), whether every answer came wholly from the old or the new data, and the
# server's RSS over time. Exit code non-zero on any error other than 429, any mixed answer, or a lost
# saved segment. Not part of `make test`: run `make loadtest`.
#
#   LOADTEST_USERS=1000000 LOADTEST_DURATION=60 LOADTEST_CONNECTIONS=32 LOADTEST_RELOAD=1 scripts/loadtest.sh
#
# Data sets are generated once into artifacts/loadtest/ and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${LOADTEST_USERS:-1000000}
DURATION=${LOADTEST_DURATION:-60}
CONNECTIONS=${LOADTEST_CONNECTIONS:-32}
THREADS=${LOADTEST_THREADS:-2}
RELOAD=${LOADTEST_RELOAD:-1}
PORT=${LOADTEST_PORT:-5099}
RELOAD_AT=${LOADTEST_RELOAD_AT:-$((DURATION / 3))}
# wrk runs at least DURATION; with a reload, until the reload is published plus TAIL seconds (answers from both
# sides of the switch even when the load outlasts DURATION), and never past MAX_SECONDS in all.
TAIL=${LOADTEST_TAIL:-20}
MAX_SECONDS=${LOADTEST_MAX_SECONDS:-600}
BASE=http://127.0.0.1:$PORT
WORK=artifacts/loadtest/$USERS
REPORT=artifacts/loadtest/report-$USERS.txt
mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "loadtest: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "loadtest: curl is missing" >&2; exit 2; }

dotnet build src/DuckMart.Cli -c Release -nologo -v q >/dev/null
CLI=(dotnet src/DuckMart.Cli/bin/Release/net10.0/duckmart.dll)

# Two data sets told apart by size: A is served first, B (90% of the users, another seed) is loaded under load.
prepare() { # name users seed
  local dir=$WORK/$1
  if [ ! -f "$dir/transformed/transform.json" ]; then
    "${CLI[@]}" generate --out "$dir/csv" --users "$2" --seed "$3"
    "${CLI[@]}" transform --users "$dir/csv/users.csv" --events "$dir/csv/events.csv" --out "$dir/transformed"
  fi
  if [ ! -f "$dir/$1.duckdb" ]; then "${CLI[@]}" load --from "$dir/transformed" --db "$dir/$1.duckdb"; fi
}
prepare a "$USERS" 42
prepare b $((USERS * 9 / 10)) 43
SERVED=$WORK/served.duckdb
rm -f "$SERVED" "$SERVED".v* "$SERVED".wal
cp "$WORK/a/a.duckdb" "$SERVED"

# A key made for this run only: never in the repository, never printed.
KEY=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

serve() { # db port log
  DUCKMART_API_KEY=$KEY DuckMart__LogFormat=text Logging__LogLevel__Default=Warning \
    "${CLI[@]}" serve --db "$1" --urls "http://127.0.0.1:$2" >"$3" 2>&1 &
  PIDS+=($!)
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$2/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "loadtest: server exited; see $3" >&2; exit 1; }
    sleep 0.5
  done
  echo "loadtest: server not healthy after 120 s; see $3" >&2; exit 1
}

# The workload: method, path, body. Counts are fixed by asOf, so each has one answer per data set.
ASOF='"asOf":"2025-12-31T00:00:00Z"'
QUERIES=(
  "POST|/segments|{\"where\":{\"type\":\"attribute\",\"field\":\"age\",\"op\":\"between\",\"value\":[25,34]},\"countOnly\":true,$ASOF}"
  "POST|/segments|{\"where\":{\"type\":\"and\",\"of\":[{\"type\":\"attribute\",\"field\":\"location\",\"op\":\"eq\",\"value\":\"California\"},{\"type\":\"event\",\"name\":\"LOGIN\"}]},\"countOnly\":true,$ASOF}"
  "POST|/segments|{\"where\":{\"type\":\"event\",\"name\":\"PURCHASE_MADE\",\"count\":{\"op\":\"gte\",\"value\":3},\"window\":{\"last\":\"P30D\"}},\"countOnly\":true,$ASOF}"
  "POST|/segments|{\"where\":{\"type\":\"and\",\"of\":[{\"type\":\"event\",\"name\":\"ADDED_TO_CART\",\"window\":{\"last\":\"P30D\"}},{\"type\":\"not\",\"of\":{\"type\":\"event\",\"name\":\"PURCHASE_MADE\",\"window\":{\"last\":\"P30D\"}}}]},\"countOnly\":true,$ASOF}"
  "GET|/segments/loadtest-saved/users?countOnly=true&asOf=2025-12-31T00:00:00Z|"
  "GET|/odata/Users?\$filter=location%20eq%20'Texas'&\$count=true&\$top=0|"
  "GET|/odata/Users?\$filter=events/any(e:%20e/eventName%20eq%20'PURCHASE_MADE')%20and%20age%20ge%2030&\$count=true&\$top=0|"
  "GET|/odata/Users?\$filter=events/\$count(\$filter=eventName%20eq%20'LOGIN')%20ge%2010&\$count=true&\$top=0|"
)
SAVED='{"where":{"type":"and","of":[{"type":"attribute","field":"subscriptionPlan","op":"eq","value":"premium","ignoreCase":true},{"type":"event","name":"PURCHASE_MADE"}]},"description":"load test"}'

count_of() { # base method path body
  local out
  if [ "$2" = POST ]; then
    out=$(curl -sf -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' -X POST --data "$4" "$1$3")
  else
    out=$(curl -sf -H "X-Api-Key: $KEY" "$1$3")
  fi
  echo "$out" | grep -oE '"(@odata\.)?count":[0-9]+' | head -1 | grep -oE '[0-9]+$'
}

# Expected counts on B from a short-lived second server, then the real one on A.
serve "$WORK/b/b.duckdb" $((PORT + 1)) "$WORK/server-b.log"
B_PID=$SERVER_PID
curl -sf -X PUT -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' --data "$SAVED" "http://127.0.0.1:$((PORT + 1))/segments/loadtest-saved" >/dev/null
declare -a COUNT_B
for i in "${!QUERIES[@]}"; do IFS='|' read -r m p b <<<"${QUERIES[$i]}"; COUNT_B[$i]=$(count_of "http://127.0.0.1:$((PORT + 1))" "$m" "$p" "$b"); done
kill "$B_PID"; wait "$B_PID" 2>/dev/null || true

serve "$SERVED" "$PORT" "$WORK/server.log"
PID=$SERVER_PID
curl -sf -X PUT -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' --data "$SAVED" "$BASE/segments/loadtest-saved" >/dev/null
{
  echo "api_key = '$KEY'"
  echo "queries = {"
  for i in "${!QUERIES[@]}"; do
    IFS='|' read -r m p b <<<"${QUERIES[$i]}"
    a=$(count_of "$BASE" "$m" "$p" "$b")
    [ -n "$a" ] && [ -n "${COUNT_B[$i]}" ] || { echo "loadtest: query $((i + 1)) gave no count ($m $p)" >&2; exit 1; }
    printf '  { method = "%s", path = [[%s]], body = %s, a = %s, b = %s },\n' "$m" "$p" "$( [ -n "$b" ] && printf '[[%s]]' "$b" || echo nil)" "$a" "${COUNT_B[$i]}"
  done
  echo "}"
} >"$WORK/loadtest-queries.lua"

# RSS of the server every 2 s, in KiB.
(while kill -0 "$PID" 2>/dev/null; do echo "$(date +%s) $(ps -o rss= -p "$PID" | tr -d ' ')"; sleep 2; done) >"$WORK/rss.log" &
PIDS+=($!)

RELOAD_NOTE="no reload"
RELOAD_PID=
rm -f "$WORK/reload.end"
if [ "$RELOAD" = 1 ]; then
  (sleep "$RELOAD_AT"; start=$(date +%s.%N)
   if "${CLI[@]}" load --from "$WORK/b/transformed" --db "$SERVED" >"$WORK/reload.log" 2>&1; then
     echo "reload published after $(echo "$(date +%s.%N) - $start" | bc) s" >>"$WORK/reload.log"
     date +%s >"$WORK/reload.end"
   else echo "RELOAD FAILED (exit $?)" >>"$WORK/reload.log"; fi) &
  RELOAD_PID=$!
  PIDS+=($RELOAD_PID)
  RELOAD_NOTE="reload to B (90% users) started at ${RELOAD_AT}s"
fi

WRK_START=$(date +%s)
LOADTEST_QUERIES=$WORK/loadtest-queries.lua wrk -t"$THREADS" -c"$CONNECTIONS" -d"${MAX_SECONDS}s" --timeout 30s -s scripts/loadtest.lua "$BASE" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
PIDS+=($WRK_PID)
# Stop wrk (SIGINT: it stops and still prints its summary and the script's counts) after DURATION, or TAIL
# seconds after the reload ended, whichever is later; wrk's own -d is the MAX_SECONDS bound.
sleep "$DURATION"
if [ -n "$RELOAD_PID" ]; then
  while kill -0 "$RELOAD_PID" 2>/dev/null && kill -0 "$WRK_PID" 2>/dev/null; do sleep 1; done
  if [ -f "$WORK/reload.end" ]; then
    RELOAD_ENDED=$(($(cat "$WORK/reload.end") - WRK_START))
    more=$((RELOAD_ENDED + TAIL - ($(date +%s) - WRK_START)))
    [ "$more" -gt 0 ] && kill -0 "$WRK_PID" 2>/dev/null && sleep "$more"
  fi
fi
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" 2>/dev/null || true
WRK_SECONDS=$(($(date +%s) - WRK_START))
cat "$WORK/wrk.txt"
# A reload still running at MAX_SECONDS: wait for it (its result is checked below), up to 10 more minutes.
for _ in $(seq 1 600); do [ -n "$RELOAD_PID" ] && kill -0 "$RELOAD_PID" 2>/dev/null || break; sleep 1; done

# Saved segment after the reload: still there, and answered from the new data.
SAVED_AFTER=$(count_of "$BASE" GET "/segments/loadtest-saved/users?countOnly=true&asOf=2025-12-31T00:00:00Z" "" || true)
kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true

rss=$(awk '{print $2}' "$WORK/rss.log")
n=$(echo "$rss" | wc -l)
third=$((n / 3 > 0 ? n / 3 : 1))
{
  echo "DuckMart load test $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname) ($(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB)"
  echo "users A=$USERS B=$((USERS * 9 / 10)); wrk ran ${WRK_SECONDS}s (at least ${DURATION}s and ${TAIL}s past the reload's end at ${RELOAD_ENDED:-n/a}s; bound ${MAX_SECONDS}s), $CONNECTIONS connections, $THREADS wrk threads; $RELOAD_NOTE"
  grep '^RESULT\|^MIXED' "$WORK/wrk.txt"
  echo "per query: count on A / count on B"
  sed -nE 's/.*path = \[\[([^]]*)\]\], body = (nil|\[\[\{"where":(.{0,90}).*\]\]), a = ([0-9]+), b = ([0-9]+).*/  A=\4 B=\5  \1 \3/p' "$WORK/loadtest-queries.lua"
  [ "$RELOAD" = 1 ] && tail -n 2 "$WORK/reload.log"
  echo "saved segment after reload: count ${SAVED_AFTER:-MISSING} (B expects ${COUNT_B[4]})"
  echo "rss_kib first=$(echo "$rss" | head -1) max=$(echo "$rss" | sort -n | tail -1) last=$(echo "$rss" | tail -1)" \
    "mean_first_third=$(echo "$rss" | head -n $third | awk '{s+=$1} END {printf "%d", s/NR}')" \
    "mean_last_third=$(echo "$rss" | tail -n $third | awk '{s+=$1} END {printf "%d", s/NR}')" "samples=$n"
  # Flat: the largest RSS of the last third of the run is within 20% of the largest of the first third.
  max_first=$(echo "$rss" | head -n $third | sort -n | tail -1)
  max_last=$(echo "$rss" | tail -n $third | sort -n | tail -1)
  if [ "$max_last" -le $((max_first * 12 / 10)) ]; then verdict=flat; else verdict="NOT flat"; fi
  echo "rss verdict: $verdict (max of last third ${max_last} KiB vs max of first third ${max_first} KiB, bound +20%)"
} | tee "$REPORT"

fail=0
grep -q 'mixed=0 ' "$WORK/wrk.txt" || { echo "loadtest: answers mixing old and new data" >&2; fail=1; }
grep '^RESULT statuses' "$WORK/wrk.txt" | tr ' ' '\n' | grep -E '^[0-9]+=' | grep -vE '^(200|429)=' && { echo "loadtest: errors other than 429" >&2; fail=1; }
grep -q 'connect=0 read=0 write=0 timeout=0' "$WORK/wrk.txt" || { echo "loadtest: socket errors or timeouts" >&2; fail=1; }
[ "$RELOAD" != 1 ] || ! grep -q 'RELOAD FAILED' "$WORK/reload.log" || { echo "loadtest: the reload failed" >&2; fail=1; }
[ "$RELOAD" != 1 ] || [ "${SAVED_AFTER:-x}" = "${COUNT_B[4]}" ] || { echo "loadtest: saved segment lost or stale after reload" >&2; fail=1; }
echo "report: $REPORT"
exit $fail
