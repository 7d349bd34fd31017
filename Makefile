# Two commands for a newcomer: `make example` (set up, then brief the bundled example)
# and `make test` (set up, then run the whole test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/transvia

LOCK := requirements.lock

.PHONY: setup example test lint bench schema lock clean

# Installs exactly what was tested: every package of requirements.lock, each checked against
# its hash, then Steerco itself without resolving anything (--no-deps, hatchling from the lock).
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

setup: $(VENV)/.installed

example: setup
	$(BIN)/steerco brief --context $(EXAMPLE)/context.yaml --goals $(EXAMPLE)/goals.yaml \
	  --backlog $(EXAMPLE)/backlog.csv --findings $(EXAMPLE)/audit.csv \
	  --status $(EXAMPLE)/status.fr.txt --as-of 2026-11-20

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: setup
	$(BIN)/python bench/bench_brief.py
	$(BIN)/python bench/bench_workspace.py
	$(BIN)/python bench/bench_knowledge.py
	$(BIN)/python bench/bench_embeddings.py
	$(BIN)/python bench/bench_cold.py
	$(BIN)/python bench/bench_roadmap.py
	$(BIN)/python bench/bench_forecast.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_parse.py

schema: setup
	$(BIN)/python -m assistant.schema_export

# Regenerates requirements.lock from pyproject.toml (the app, the extras in LOCK_EXTRAS and the
# build backend), keeping the pinned versions that still fit; `make lock UPGRADE=1` takes the
# newest. pip's configuration (pip config list) supplies the indexes, so torch, when an extra
# asks for it (`make lock LOCK_EXTRAS="dev torch"`), resolves to the CPU build on this disk.
LOCK_EXTRAS ?= dev
lock: setup
	test -x $(BIN)/pip-compile || $(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet $(foreach e,$(LOCK_EXTRAS),--extra $(e)) --all-build-deps \
	  --generate-hashes --strip-extras \
	  --allow-unsafe --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
	  --output-file $(LOCK) pyproject.toml
	rm -f $(VENV)/.installed

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
