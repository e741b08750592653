# Osmosi's two everyday commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

WEB_SOURCES := $(shell find web -path web/node_modules -prune -o -path web/src/gql -prune \
	-o -path web/dist -prune -o -type f -print 2>/dev/null) schema.graphql

.PHONY: run test lint pytest web web-test browser screenshots format services-up services-down bench schema lock

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

# The web app, built into the package (server/web) that `osmosi serve` serves.
server/web/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build

web: server/web/index.html

## Run Osmosi on the embedded store with the demo data: the app at http://127.0.0.1:8000/
run: $(STAMP) web
	$(BIN)/osmosi serve --demo

## Lint, type-check and run the whole test suite against real Neo4j, Redis and Chromium
test: $(STAMP) web browser
	services/dev-services.sh run -- $(MAKE) --no-print-directory lint web-test pytest

# Debian's Chromium for the browser tests (nothing downloads a browser build).
browser:
	services/install-chromium.sh

web-test: web/node_modules/.installed
	cd web && npm test

## Renew docs/screenshots from the browser tests (on the embedded store)
screenshots: $(STAMP) web browser
	OSMOSI_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser -k embedded

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -v --durations=25 $(PYTEST_ARGS)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

services-up:
	services/dev-services.sh start

services-down:
	services/dev-services.sh stop

schema: $(STAMP)
	$(BIN)/osmosi schema > schema.graphql

bench: $(STAMP) web browser
	$(BIN)/pip install -q -e ".[dev,bench]"
	services/dev-services.sh run -- sh -c '$(BIN)/python -m bench.upsert_posts && $(BIN)/python -m bench.ingest_mastodon && $(BIN)/python -m bench.enrich_posts && $(BIN)/python -m bench.sentiment_eval && $(BIN)/python -m bench.rank && $(BIN)/python -m bench.kernels && $(BIN)/python -m bench.api_latency && $(BIN)/python -m bench.web_map'

## The Docker image's dependencies and build tools, pinned with their hashes (needs pip-tools)
lock:
	pip-compile --generate-hashes --strip-extras --allow-unsafe --all-build-deps --no-emit-find-links \
		--output-file requirements.lock pyproject.toml
