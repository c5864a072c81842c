# SIPIJAR — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: install lock lint run test test-fast test-dates bench loadtest docs clean-db

## Exactly the versions of requirements.lock (the whole tree, dev tools included), then the project itself.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

## Refresh requirements.lock from pyproject.toml's ranges (newest versions that fit), for a deliberate upgrade.
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --universal --upgrade -o requirements.lock

## The gate: lint, format, types and the import contracts (docs/architecture.md draws them).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## Serve the app on http://localhost:8501 with the embedded SQLite database and the demo organisation.
run: install
	SIPIJAR_DEMO=1 $(BIN)/sipijar seed-demo
	SIPIJAR_DEMO=1 $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

## The whole suite: services on SQLite (and PostgreSQL when SIPIJAR_TEST_DATABASE_URL is set) and
## AppTest screens on two workers; then the browser tests (when Chromium is installed) one at a time,
## so the Streamlit server and Chromium do not compete with two busy workers on a 2-core machine. The
## browser tests end with the e-book walkthrough (tests/e2e/test_walkthrough.py, about 4 minutes). The load
## harness's short run (10 users × 20 s, tests/load) runs alone too, before the browser tests.
test: lint
	$(BIN)/python -m pytest -n 2 -m "not e2e and not bench and not load"
	$(BIN)/python -m pytest -m load
	$(BIN)/python -m pytest -m e2e

## Everything but the browser tests, for quick iterations.
test-fast: install
	$(BIN)/python -m pytest -n 2 -m "not e2e and not bench and not load"

## The fast suite on the year's awkward days (the tests' clock is pinned; SIPIJAR_TEST_NOW moves it): New Year's
## Eve late in the evening (WIB, still 31 December in UTC's afternoon), New Year's morning, the closing day.
TEST_DATES ?= 2026-12-31T23:30:00+07:00 2027-01-01T09:00:00+07:00 2027-01-05T10:00:00+07:00
test-dates: install
	@for now in $(TEST_DATES); do \
		echo "== SIPIJAR_TEST_NOW=$$now"; \
		SIPIJAR_TEST_NOW=$$now $(BIN)/python -m pytest -n 2 -q -m "not e2e and not bench and not load" || exit 1; \
	done

## The scale benchmark (a whole regency); writes docs/benchmark.md.
bench: install
	$(BIN)/python -m pytest -m bench -p no:xdist -s tests/bench

## Concurrent users through Streamlit's websocket protocol, on the app and on the empty floor page: one process on
## SQLite and PostgreSQL replicas behind nginx (when SIPIJAR_TEST_DATABASE_URL is set); writes
## docs/benchmark-load.md. Long (a minute per level and deployment); narrow it with LOADTEST_ARGS, e.g.
## LOADTEST_ARGS="--pengguna 10,50 --durasi 30 --deployment kosong-bawaan,sqlite". See docs/benchmark.md.
LOADTEST_ARGS ?=
loadtest: install
	$(BIN)/python -m tests.load $(LOADTEST_ARGS)

## The user guide docs/panduan/ from the e-book walkthrough's screenshots.
docs: install
	$(BIN)/python -m pytest -m walkthrough tests/e2e/test_walkthrough.py
	$(BIN)/python docs/build_panduan.py

clean-db:
	rm -f data/sipijar.db data/sipijar.db-wal data/sipijar.db-shm
