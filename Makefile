# DuckMart Segments: the commands people expect. See README.md.
DOTNET ?= dotnet
# The Release CLI that `make run` builds, through the same wrapper the README uses.
CLI := ./duckmart
DATA_DIR ?= data
DB ?= $(DATA_DIR)/duckmart.duckdb
USERS ?= 10000
SEED ?= 42
URLS ?= http://127.0.0.1:5080

.PHONY: run build build-cli test format format-check bench bench-ingest clean data clickhouse-up clickhouse-down

build:
	$(DOTNET) build DuckMart.OData.sln -nologo

# Only the CLI (and what it references), Release: what ./duckmart runs.
build-cli:
	@echo "==> building the duckmart program (Release; about 40 s the first time, a few seconds after)"
	@$(DOTNET) build src/DuckMart.Cli -c Release -nologo -v q -clp:NoSummary

# Builds, generates a default data set if none exists (its events end now), ingests it, then serves it.
# Each step says what it does; the server prints one plain ready line with the URL. LOG_FORMAT=json for
# structured logs on a terminal too (they are the default when the output is not a terminal).
LOG_FORMAT ?= auto
run: build-cli $(DB)
	@echo "==> starting the server over $(DB)"
	@$(CLI) serve --db $(DB) --urls $(URLS) --log-format $(LOG_FORMAT)

$(DB):
	@mkdir -p $(DATA_DIR)
	@if [ ! -f $(DATA_DIR)/csv/users.csv ]; then \
	  echo "==> generating $(USERS) users and their events into $(DATA_DIR)/csv (seed $(SEED), the latest events just before now)"; \
	  $(CLI) generate --out $(DATA_DIR)/csv --users $(USERS) --seed $(SEED); \
	fi
	@echo "==> loading $(DATA_DIR)/csv into $(DB)"
	@$(CLI) ingest --users $(DATA_DIR)/csv/users.csv --events $(DATA_DIR)/csv/events.csv --db $(DB)

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

# The differential tests at length (not the bounded runs of `make test`): random specs against the reference
# evaluator, and as plain LINQ and $filter through the recogniser against plain linq2db. DIFF_SEED replays a failure.
DIFF_LONG ?= 2000
.PHONY: test-differential
test-differential:
	DIFF_ITERATIONS=$(DIFF_LONG) RECOGNIZER_DIFF_ITERATIONS=$(DIFF_LONG) $(DOTNET) test tests/DuckMart.Segments.Tests --filter "FullyQualifiedName~Differential"
	ODATA_DIFF_ITERATIONS=$(DIFF_LONG) $(DOTNET) test tests/DuckMart.Api.Tests --filter "FullyQualifiedName~ODataDifferential"

# Reliability runs, not part of `make test` (docs/reliability.md): wrk on loopback against a served
# data set (LOADTEST_USERS, default 1M; LOADTEST_DURATION, default 60 s), and kill -9 during loads.
.PHONY: loadtest killtest
loadtest:
	./scripts/loadtest.sh

killtest:
	./scripts/killtest.sh
