# Osmosi's two everyday commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint pytest format services-up services-down bench schema

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

## Run Osmosi on the embedded store with the demo data; GraphiQL at http://127.0.0.1:8000/graphql
run: $(STAMP)
	$(BIN)/osmosi serve --demo

## Lint, type-check and run the whole test suite against real Neo4j and Redis
test: $(STAMP)
	services/dev-services.sh run -- $(MAKE) --no-print-directory lint pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -v $(PYTEST_ARGS)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

services-up:
	services/dev-services.sh start

services-down:
	services/dev-services.sh stop

schema: $(STAMP)
	$(BIN)/osmosi schema > schema.graphql

bench: $(STAMP)
	services/dev-services.sh run -- sh -c '$(BIN)/python -m bench.upsert_posts && $(BIN)/python -m bench.ingest_mastodon && $(BIN)/python -m bench.enrich_posts && $(BIN)/python -m bench.sentiment_eval && $(BIN)/python -m bench.rank && $(BIN)/python -m bench.api_latency'
