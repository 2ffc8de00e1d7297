# The front door. `make run` starts the CMS with demo content; `make test` runs
# the whole suite. Both create the virtual environment on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run migrate demo worker test lint format schema bench bench-misses bench-search bench-archive bench-publish load bench-clips bench-clip-latency bench-basket test-production clients clients-install frontend-install frontend-test bench-frontend

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required (set PYTHON=python3.11).")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo_content

# Absolute URLs in API answers are built from settings, never from the request
# (README, "URLs"): on the address the server is started on, unless set. With npm,
# the portal (frontend/, `next dev`) starts beside it on PORTAL_PORT: page URLs,
# e-mail links and Preview then lead there, and it may sign journalists in.
PORTAL_PORT ?= 3000
NPM := $(shell command -v npm 2>/dev/null)
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
ifneq ($(NPM),)
run: export PUBLIC_BASE_URL ?= http://$(HOST):$(PORTAL_PORT)
run: export FRONTEND_BASE_URL ?= http://$(HOST):$(PORTAL_PORT)
run: export FRONTEND_ORIGINS ?= http://$(HOST):$(PORTAL_PORT),http://localhost:$(PORTAL_PORT)
run: export FRONTEND_PREVIEW_URL_EN ?= http://$(HOST):$(PORTAL_PORT)/en/preview/
run: export FRONTEND_PREVIEW_URL_FR ?= http://$(HOST):$(PORTAL_PORT)/fr/preview/
run: frontend-install
endif
run: demo
	@echo ""
	@echo "  Admin:    http://$(HOST):$(PORT)/admin/"
	@echo "  GraphQL:  http://$(HOST):$(PORT)/graphql/  (GraphiQL in a browser)"
	@if [ -n "$(NPM)" ]; then echo "  Portal:   http://$(HOST):$(PORTAL_PORT)/en/  and  http://$(HOST):$(PORTAL_PORT)/fr/  (Next.js, frontend/)"; \
	else echo "  Site:     http://$(HOST):$(PORT)/en/  and  http://$(HOST):$(PORT)/fr/  (install Node 20+ for the portal)"; fi
	@$(PY) -c 'from home.demo_admin import DEMO_ADMIN_EMAIL as e, DEMO_ADMIN_PASSWORD as p; print(f"  Sign in:  {e} / {p}")'
	@echo ""
	@# The task worker (with scheduled publishing) and the portal run beside the
	@# server and stop with it.
	$(PY) manage.py portal_worker & WORKER=$$!; PORTAL=; \
	if [ -n "$(NPM)" ]; then \
	  CMS_URL=http://$(HOST):$(PORT) PORTAL_URL=http://$(HOST):$(PORTAL_PORT) NEXT_TELEMETRY_DISABLED=1 \
	  PORTAL_INTERNAL_URL=http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORTAL_PORT) \
	    npm run dev --prefix frontend -- -H $(HOST) -p $(PORTAL_PORT) & PORTAL=$$!; fi; \
	trap 'kill $$WORKER $$PORTAL 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The task queue and the scheduled-publishing tick (cms/scheduled_publishing.py).
worker: install
	$(PY) manage.py portal_worker

# The Node client tests (clients/, tests/clients/) need its packages: installed
# with `npm ci` when npm is on the machine (without Node the tests say so and skip).
# --loglevel=error: codegen's URL loaders (unused here) warn that they want Node 22.
CLIENTS_INSTALLED := clients/node_modules/.package-lock.json

$(CLIENTS_INSTALLED): clients/package.json clients/package-lock.json
	npm ci --prefix clients --no-audit --no-fund --loglevel=error
	touch $@

clients-install:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(CLIENTS_INSTALLED); fi

# The portal (frontend/): its packages with `npm ci` when npm is on the machine; its
# unit tests (vitest) and type check (codegen + tsc) run with `make test`
# (FRONTEND_TESTS=0 leaves them out, as .ci/run's PostgreSQL pass does).
FRONTEND_INSTALLED := frontend/node_modules/.package-lock.json
FRONTEND_TESTS ?= 1

$(FRONTEND_INSTALLED): frontend/package.json frontend/package-lock.json
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	touch $@

frontend-install:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(FRONTEND_INSTALLED); fi

frontend-test: frontend-install
	@if [ "$(FRONTEND_TESTS)" != 1 ]; then exit 0; fi; \
	if command -v npm >/dev/null; then \
	  npm run --silent --prefix frontend typecheck && npm test --prefix frontend; \
	else echo "The portal's unit tests and type check are skipped: npm is not installed."; fi

# PYTEST_ARGS narrows a run (.ci/run: the PostgreSQL pass leaves out tests/clients,
# whose server always runs on its own SQLite file).
test: install clients-install frontend-test
	$(PY) -m pytest $(PYTEST_ARGS)

# Stock frontend tools against the running CMS: graphql-http's audit, Apollo Client 4
# (persisted queries over GET, one cache in two languages), codegen + tsc.
clients: install $(CLIENTS_INSTALLED)
	$(PY) -m pytest tests/clients -p no:cacheprovider

# ruff, and the layers of the house as import-linter contracts (pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The contract frontends build against: the SDL and the possibleTypes map of the
# client caches, both committed (tests/cms/test_schema_snapshot.py).
schema: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py graphql_schema --out schema.graphql
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py graphql_possible_types --out possibleTypes.json

bench: install
	$(PY) bench/graphql.py

# A list miss after one release changed against a cold one (the node cache:
# cms/graphql/nodes.py), side by side, with their SQL.
bench-misses: install
	$(PY) bench/misses.py

load: install
	$(PY) bench/load.py

# Search latency on 50,000 releases: SQLite, or PostgreSQL with DATABASE_URL set.
bench-search: install
	$(PY) bench/search.py

# Listings, filters and counts at 10,000 and 100,000 releases (PostgreSQL with
# DATABASE_URL; ARCHIVE_SIZES to change the sizes).
ARCHIVE_SIZES ?= 10000,100000
bench-archive: install
	$(PY) bench/archive.py --sizes $(ARCHIVE_SIZES)

# The response cache while editors publish: hit ratio and p99, quiet against one
# publish every 5 s (PostgreSQL and Redis with DATABASE_URL and REDIS_URL).
bench-publish: install
	$(PY) bench/publish.py

# Cutting 10 s clips: a 1-minute against a 60-minute source, FAST against EXACT.
bench-clips: install
	$(PY) bench/clips.py

# Request to link of a 10 s FAST clip on the production-like stack (gunicorn, worker,
# PostgreSQL, Redis, moto S3: deploy/ci-production.sh), p50 and max, beside a bare
# ffmpeg cut of the same span.
bench-clip-latency: install
	$(PY) bench/clip_latency.py

# The basket's zip against a plain copy of the same bytes, and its peak memory at
# two sizes (it must not grow with them).
bench-basket: install
	$(PY) bench/basket.py

# The portal's cost: JavaScript sent for a release page; server render time of the
# release list against the raw GraphQL call (bench/frontend.py).
bench-frontend: install frontend-install
	$(PY) bench/frontend.py

# The production-like run: PostgreSQL, Redis, S3 (moto), two gunicorn processes and
# a worker on loopback, then the smoke and fault tests (deploy/README.md).
test-production: install
	bash deploy/ci-production.sh

# Browser tests (Playwright driving Debian's Chromium, /usr/bin/chromium) against
# the CMS started on loopback, and the portal's journeys (tests/e2e/portal: the
# portal built once, the CMS with its worker and an SMTP server on loopback);
# `make screenshots` saves each flow's last step.
# Schemathesis against the running CMS, from schema.graphql (a bounded run: DEBUG
# off with the response cache on, then DEBUG on): no 5xx, no INTERNAL_SERVER_ERROR.
.PHONY: fuzz
fuzz: install
	$(PY) -m tests.fuzz

.PHONY: e2e screenshots
# hls.js for the streaming preview's browser test (tests/e2e/player/).
PLAYER_INSTALLED := tests/e2e/player/node_modules/.package-lock.json

$(PLAYER_INSTALLED): tests/e2e/player/package.json tests/e2e/player/package-lock.json
	npm ci --prefix tests/e2e/player --no-audit --no-fund --loglevel=error
	touch $@

e2e: install $(PLAYER_INSTALLED) frontend-install
	E2E=1 $(PY) -m pytest tests/e2e -p no:cacheprovider

screenshots: install $(PLAYER_INSTALLED) frontend-install
	E2E=1 E2E_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/e2e -p no:cacheprovider
