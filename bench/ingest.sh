#!/usr/bin/env bash
# Times `duckmart generate` and `duckmart ingest` of USERS users (~50 events each) against DuckDB's
# own read_csv of the same files into the same sorted tables, in the same run, and writes
# bench/results/ingest-USERS.txt. Wall time and peak RSS from /usr/bin/time -v.
# Usage: bench/ingest.sh [USERS]   (default 1000000: ~1.9 GB of CSV, ~10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-${USERS:-1000000}}
seed=${SEED:-42}
data=bench/data/ingest-$users
results=bench/results
mkdir -p "$data" "$results"
out=$results/ingest-$users.txt

dotnet build src/DuckMart.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/IngestBaseline -c Release -nologo -v q >/dev/null
cli=(dotnet src/DuckMart.Cli/bin/Release/net10.0/duckmart.dll)
baseline=(dotnet bench/IngestBaseline/bin/Release/net10.0/IngestBaseline.dll)

measure() { # name command...: runs it under /usr/bin/time -v, prints "name: wall S s, peak RSS M MiB"
    local name=$1; shift
    local log; log=$(mktemp)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$@" >"$log.out" 2>"$log"
    else
        local start; start=$(date +%s.%N)
        "$@" >"$log.out" 2>"$log"
        echo "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:$(echo "$(date +%s.%N) - $start" | bc)" >>"$log"
    fi
    cat "$log.out" >&2
    # The commands' own step timings (progress on stderr), without the per-5M-rows lines.
    grep -E '^(transform|load)' "$log" | grep -v 'rows read' | sed 's/^/#   /' >&2 || true
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
    cpu=$(grep -E '(User|System) time \(seconds\)' "$log" | awk '{s+=$NF} END {printf "%.1f", s}')
    echo "$name: wall ${wall} s, CPU ${cpu:-?} s, peak RSS ${rss:-?} MiB, load average $(cut -d" " -f1 /proc/loadavg)"
    rm -f "$log" "$log.out"
}

{
    echo "# bench-ingest $(date -u +%Y-%m-%dT%H:%M:%SZ): $users users, seed $seed"
    echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
    echo "# load average before the run: $(cut -d" " -f1-3 /proc/loadavg) (other jobs share these cores)"
    rm -f "$data"/*.csv
    measure generate "${cli[@]}" generate --out "$data" --users "$users" --seed "$seed"
    ls -l "$data"/users.csv "$data"/events.csv | awk '{printf "# %s %.0f MB\n", $NF, $5/1e6}'
    rm -rf "$data"/ingest.duckdb "$data"/baseline.duckdb "$data"/transformed
    # transform alone: its peak RSS is the .NET side's (flat in the file size); ingest's includes DuckDB's sort.
    measure "duckmart transform" "${cli[@]}" transform --users "$data/users.csv" --events "$data/events.csv" --out "$data/transformed"
    du -sm "$data"/transformed | awk '{printf "# transformed Parquet + rejects: %s MB\n", $1}'
    rm -rf "$data"/transformed
    sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
    measure "duckmart ingest" "${cli[@]}" ingest --users "$data/users.csv" --events "$data/events.csv" --db "$data/ingest.duckdb"
    sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
    measure "duckdb read_csv" "${baseline[@]}" "$data/users.csv" "$data/events.csv" "$data/baseline.duckdb"
    ls -l "$data"/ingest.duckdb "$data"/baseline.duckdb | awk '{printf "# %s %.0f MB\n", $NF, $5/1e6}'
} 2>&1 | tee "$out"
echo "written to $out"
