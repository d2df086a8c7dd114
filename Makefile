# teller: two commands set everything up on a fresh machine.
#   make demo   creates .venv, installs teller, counts bundled real elections
#   make test   the whole suite: lint, types, tests (conformance included)
#   make bench  benchmarks against peer libraries (not part of CI)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/teller demo

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks tools
	$(PY) -m ruff format --check src tests benchmarks tools

typecheck: $(STAMP)
	$(PY) -m mypy --strict src/teller

pytest: $(STAMP)
	$(PY) -m pytest -n auto -q

test: lint typecheck pytest

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
