# Kulturmetropolen — common tasks. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock | cksum | cut -d' ' -f1)
# The W3C Nu HTML checker for the test suite (tests/test_html_validity.py), from npm.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test lint format lock check clean messages bench bench-hostile bench-imports explain loadtest faults restore-check

help:
	@echo "make run      the site with demo data on http://$(HOST):$(PORT) (SQLite, no services)"
	@echo "make test     the whole test suite (set DATABASE_URL for PostgreSQL)"
	@echo "make lint     ruff, import layering (import-linter), template indentation (djhtml)"
	@echo "make format   apply ruff formatting and fixes"
	@echo "make install  the virtualenv with the pinned packages"
	@echo "make lock     refresh requirements.lock from pyproject.toml"
	@echo "make audit    check the pinned packages for known vulnerabilities (pip-audit)"
	@echo "make bench    load-test the site on PostgreSQL and print a table"
	@echo "make bench-hostile  the costliest anonymous URLs against a running server (HOSTILE_URL)"
	@echo "make bench-imports  import a 5,000-event calendar twice (PostgreSQL); a table"
	@echo "make explain  query plans of the public pages (after make bench) -> docs/explain.md"
	@echo "make loadtest 50 citizens + 5 venue staff for 60 s (locust, PostgreSQL); PASS/FAIL"
	@echo "make faults   fault scenarios: PostgreSQL restart, SMTP, Redis down, disk full"
	@echo "make restore-check  back up, restore into a fresh database, compare; PASS/FAIL"

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) $(VNU_JAR)

# --ignore-scripts: the package ships the jar; its install script only looks for a Java.
$(VNU_JAR): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --silent && touch $(VNU_JAR); \
	else echo "npm not found: the Nu HTML checker test is skipped (apt-get install npm)"; fi

run: export DEBUG ?= 1
# Absolute links («Link til siden», feeds, e-mails) point at this server unless set.
run: SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "  Kulturmetropolen runs on http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password: kulturmetropolen-demo)"
	@echo "    sekretariat  the secretariat, in the admin: http://$(HOST):$(PORT)/admin/"
	@echo "    sted         venue staff"
	@echo "    admin        superuser"
	@echo
	SITE_URL='$(SITE_URL)' $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: export DEBUG ?= 1
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check --tabwidth 2 $$(find templates -name '*.html')
	@# No module over 400 lines (migrations aside): split a module by concern before then.
	@find kulturmetropolen core accounts municipalities events imports pages tests bench loadtest \
		-name '*.py' -not -path '*/migrations/*' -exec wc -l {} + | \
		awk '$$2 != "total" && $$1 > 400 { print "over 400 lines: " $$2 " (" $$1 ")"; bad = 1 } END { exit bad }'

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock pyproject.toml

# pip-audit on requirements.lock: fails on a known vulnerability; says "skipped" and passes
# when the vulnerability service cannot be reached (see .ci/audit.py).
.PHONY: audit
audit: install
	$(BIN)/python .ci/audit.py

check: export DEBUG ?= 1
check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles

# Extract the UI strings into locale/da and compile them (needs GNU gettext).
messages: export DEBUG ?= 1
messages: install
	$(BIN)/python manage.py makemessages -l da --no-obsolete --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages -l da --ignore=.venv

# Benchmark on PostgreSQL at 1,000 / 10,000 / 100,000 events (BENCH_SIZES to change).
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

# The costliest anonymous requests against a running production-like server (docs/ceiling.md):
# HOSTILE_URL=http://127.0.0.1:8000 make bench-hostile; fails when one takes over 0.5 s.
bench-hostile: install
	$(BIN)/python bench/hostile.py

# The event import: 5,000 VEVENTs, then again unchanged (BENCH_IMPORTS_DATABASE is recreated).
bench-imports: install
	$(BIN)/python bench/imports.py

# The query plans of every public page on the benchmark's largest database -> docs/explain.md.
explain: install
	$(BIN)/python bench/explain.py

# Resilience (docs/resilience.md): bounded, self-stopping, need PostgreSQL on 127.0.0.1:5432.
loadtest: install
	$(BIN)/python loadtest/run.py

faults: install
	$(BIN)/python loadtest/faults.py $(SCENARIOS)

restore-check: install
	scripts/restore_check.sh
