# The front door. `make run` starts the CMS with demo content; `make test` runs
# the whole suite. Both create the virtual environment on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run migrate demo worker test lint format schema bench bench-search load bench-clips test-production clients clients-install

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
# (README, "URLs"): on the address the server is started on, unless set.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	@echo ""
	@echo "  Admin:    http://$(HOST):$(PORT)/admin/"
	@echo "  GraphQL:  http://$(HOST):$(PORT)/graphql/  (GraphiQL in a browser)"
	@echo "  Site:     http://$(HOST):$(PORT)/en/  and  http://$(HOST):$(PORT)/fr/"
	@$(PY) -c 'from home.demo_admin import DEMO_ADMIN_EMAIL as e, DEMO_ADMIN_PASSWORD as p; print(f"  Sign in:  {e} / {p}")'
	@echo ""
	@# The task worker (with scheduled publishing) runs beside the server and stops with it.
	$(PY) manage.py portal_worker & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
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

# PYTEST_ARGS narrows a run (.ci/run: the PostgreSQL pass leaves out tests/clients,
# whose server always runs on its own SQLite file).
test: install clients-install
	$(PY) -m pytest $(PYTEST_ARGS)

# Stock frontend tools against the running CMS: graphql-http's audit, Apollo Client 4
# (persisted queries over GET, one cache in two languages), codegen + tsc.
clients: install $(CLIENTS_INSTALLED)
	$(PY) -m pytest tests/clients -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

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

load: install
	$(PY) bench/load.py

# Search latency on 50,000 releases: SQLite, or PostgreSQL with DATABASE_URL set.
bench-search: install
	$(PY) bench/search.py

# Cutting 10 s clips: a 1-minute against a 60-minute source, FAST against EXACT.
bench-clips: install
	$(PY) bench/clips.py

# The production-like run: PostgreSQL, Redis, S3 (moto), two gunicorn processes and
# a worker on loopback, then the smoke and fault tests (deploy/README.md).
test-production: install
	bash deploy/ci-production.sh

# Browser tests (Playwright driving Debian's Chromium, /usr/bin/chromium) against
# the CMS started on loopback; `make screenshots` saves each flow's last step.
# Schemathesis against the running CMS, from schema.graphql (a bounded run: DEBUG
# off with the response cache on, then DEBUG on): no 5xx, no INTERNAL_SERVER_ERROR.
.PHONY: fuzz
fuzz: install
	$(PY) -m tests.fuzz

.PHONY: e2e screenshots
e2e: install
	E2E=1 $(PY) -m pytest tests/e2e -p no:cacheprovider

screenshots: install
	E2E=1 E2E_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/e2e -p no:cacheprovider
