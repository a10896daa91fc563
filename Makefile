# Two commands on a fresh machine: `make` (set up, then code the bundled samples) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: all setup demo test bench eval clean

all: demo

$(BIN)/tacitus: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/tacitus

demo: setup
	$(BIN)/tacitus code samples/ --format table

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/tacitus eval

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build src/*.egg-info
