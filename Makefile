# newsprism: `make demo` and `make test` work on a fresh machine with Python >= 3.11 and pip.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck unit gates bench assets clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,postgres,ray]'
	touch $(STAMP) $@

demo: $(STAMP)
	mkdir -p out
	$(BIN)/newsprism analyze examples/corpus -o out/story.json -o out/brief.md -o out/brief.html

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks quality
	$(BIN)/ruff format --check src tests benchmarks quality

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

unit: $(DEVSTAMP)
	$(BIN)/pytest -q

gates: $(DEVSTAMP)
	$(BIN)/python -m quality.gates

test: lint typecheck unit gates

bench: $(DEVSTAMP)
	PYTHONPATH=. $(BIN)/python benchmarks/bench.py
	PYTHONPATH=. $(BIN)/python benchmarks/bench_link.py
	PYTHONPATH=. $(BIN)/python benchmarks/bench_long.py
	PYTHONPATH=. $(BIN)/python benchmarks/bench_stories.py
	PYTHONPATH=. $(BIN)/python benchmarks/bench_ingest.py
	PYTHONPATH=. $(BIN)/python benchmarks/bench_web.py
	PYTHONPATH=. $(BIN)/python benchmarks/bench_store.py
	PYTHONPATH=. $(BIN)/python benchmarks/bench_runners.py

# Rebuild the HTML report's bundled JS/CSS from npm packages (committed; users and CI need no npm).
assets:
	cd report-ui && npm ci && npm run build

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
