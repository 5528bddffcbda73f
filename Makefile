# DuckMart Segments: the commands people expect. See README.md.
DOTNET ?= dotnet
CLI := $(DOTNET) run --project src/DuckMart.Cli -c Release --
DATA_DIR ?= data
DB ?= $(DATA_DIR)/duckmart.duckdb
USERS ?= 10000
SEED ?= 42
URLS ?= http://127.0.0.1:5080

.PHONY: run build test format format-check bench bench-ingest clean data clickhouse-up clickhouse-down

build:
	$(DOTNET) build DuckMart.OData.sln -nologo

# Builds, generates a default data set if none exists, ingests it, then serves it.
run: $(DB)
	$(CLI) serve --db $(DB) --urls $(URLS)

$(DB):
	mkdir -p $(DATA_DIR)
	[ -f $(DATA_DIR)/csv/users.csv ] || $(CLI) generate --out $(DATA_DIR)/csv --users $(USERS) --seed $(SEED)
	$(CLI) ingest --users $(DATA_DIR)/csv/users.csv --events $(DATA_DIR)/csv/events.csv --db $(DB)

data: $(DB)

test:
	./scripts/test.sh

# The local two-shard ClickHouse cluster of CONTRACT.md section 6 (scripts/clickhouse.sh; docs/scale-out.md).
clickhouse-up:
	./scripts/clickhouse.sh up

clickhouse-down:
	./scripts/clickhouse.sh down

format:
	$(DOTNET) format DuckMart.OData.sln

format-check:
	$(DOTNET) format DuckMart.OData.sln --verify-no-changes

bench:
	$(DOTNET) run --project bench/DuckMart.Bench -c Release -- $(BENCH_ARGS)

# Generates BENCH_USERS users (~50 events each) and times generate and ingest against DuckDB's
# read_csv of the same files; results in bench/results/ingest-N.txt (see docs/ingest.md).
BENCH_USERS ?= 1000000
bench-ingest:
	./bench/ingest.sh $(BENCH_USERS)

clean:
	$(DOTNET) clean DuckMart.OData.sln -nologo
	rm -rf $(DATA_DIR) artifacts

# Reliability runs, not part of `make test` (docs/reliability.md): wrk on loopback against a served
# data set (LOADTEST_USERS, default 1M; LOADTEST_DURATION, default 60 s), and kill -9 during loads.
.PHONY: loadtest killtest
loadtest:
	./scripts/loadtest.sh

killtest:
	./scripts/killtest.sh
