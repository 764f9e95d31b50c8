# One command to see it work, one to test it. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test lint format install install-dev notebooks report screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[notebooks]'

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

demo: install
	$(BIN)/explore corpus --out $(OUT)/seeds
	$(BIN)/explore report --out $(OUT)/report

# Re-execute the stored notebooks on the seeds after a change that moves their outputs.
notebooks: install-dev
	$(BIN)/explore notebooks

# Screenshots of each notebook in JupyterLab and each dashboard, after a real run (needs chromium).
screenshots: install-dev
	EXPLORE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider -o addopts= tests/test_clients.py

report: install
	$(BIN)/explore report --out $(OUT)/report $(if $(CORPUS),--corpus $(CORPUS))

test: install-dev lint
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check explore tests scripts
	$(BIN)/ruff format --check explore tests scripts

format: install-dev
	$(BIN)/ruff format explore tests scripts
	$(BIN)/ruff check --fix explore tests scripts

clean:
	rm -rf $(OUT) build dist *.egg-info .pytest_cache .ruff_cache
