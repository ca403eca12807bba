# Two commands: `make run` serves the demo on :8000, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test check lint fuzz install assets browser migrate demo bench clean

# In parallel, two processes a core (much of the suite waits on a browser, a server or a page's timer rather than
# computing), each handed a test or two as it comes free, the slow ones first. The fifteen slowest tests are listed
# at the end, so a slow one is seen.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist load --maxschedchunk 1 --durations=15

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund
	touch $@

assets: node_modules/.installed

# Browser tests drive Debian's chromium; Playwright never downloads a browser here.
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# On PostgreSQL the schema belongs to its owner and the app runs as a login in the role `facility_app` (README,
# "Database roles"): MIGRATE_DATABASE_URL names the owner for migrations, DATABASE_URL the app's restricted login.
migrate: install
	DATABASE_URL="$${MIGRATE_DATABASE_URL:-$${DATABASE_URL:-}}" $(BIN)/flask --app wsgi facility migrate

demo: migrate
	$(BIN)/flask --app wsgi facility demo --if-empty

run: install assets demo
	@echo
	@echo "  facility is starting on http://127.0.0.1:$(PORT)"
	@echo "  demo logins (password: $${FACILITY_DEMO_PASSWORD:-facility-demo}):"
	@echo "    worker1, worker2 (worker) · nurse1 (nurse) · lead1 (lead) · clinician1 (clinician) · casemanager1 (case manager) · admin (admin)"
	@echo
	# The demo speaks plain HTTP on localhost, so its session cookie may not be Secure-only.
	SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-0} PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

test: install assets browser
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The fast inner loop: unit and integration tests, no server or browser.
check: install
	$(BIN)/pytest $(PYTEST_PARALLEL) tests/unit tests/integration

# ruff's lint and format (pyproject.toml says which rules and why some are off), then the floors: import-linter's
# contracts in pyproject.toml (README, "The floors").
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

# Schemathesis over the whole OpenAPI document as worker, nurse and admin, deeper than the suite's run.
fuzz: install
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-60} $(BIN)/pytest tests/integration/test_fuzz.py -q

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules .pytest_cache
