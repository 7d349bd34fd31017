# Two commands for a newcomer: `make example` (set up, then brief the bundled example)
# and `make test` (set up, then run the whole test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/transvia

.PHONY: setup example test lint bench schema clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
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

schema: setup
	$(BIN)/python -m assistant.schema_export

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
