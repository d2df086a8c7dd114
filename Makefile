# teller: two commands set everything up on a fresh machine.
#   make demo   creates .venv, installs teller, counts bundled real elections
#   make test   the whole suite: lint, types, tests (conformance included)
#   make bench  benchmarks against peer libraries (not part of CI)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench bytecode clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Bytecode is compiled ahead, as a regular pip install does: with PYTHONDONTWRITEBYTECODE set
# (as on this project's machines) an editable install would otherwise recompile every module
# on every run, which costs a command about 45 ms (docs/performance.md).
bytecode: $(STAMP)
	$(PY) -m compileall -q src/teller

demo: bytecode
	$(VENV)/bin/teller demo

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks tools
	$(PY) -m ruff format --check src tests benchmarks tools

typecheck: $(STAMP)
	$(PY) -m mypy --strict src/teller

pytest: $(STAMP)
	$(PY) -m pytest -n auto -q

test: lint typecheck pytest

bench: bytecode
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
