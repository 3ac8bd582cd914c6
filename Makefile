# kg — the two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
SHARED ?= ../shared
STORE ?= kg-store

.PHONY: demo test install install-dev eval eval-heldout eval-blind bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Runtime install, pinned by constraints.txt so every machine gets the same versions.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make demo: set up .venv, build the graph from seeds/, print which bodies issued which plans.
demo: install
	$(BIN)/kg build seeds/ --store $(STORE)
	$(BIN)/kg ask issuers --store $(STORE)

## make test: set up .venv with the dev extra and run the test suite.
test: install-dev
	sh scripts/install-browser.sh
	$(BIN)/python -m pytest -n 2 --dist loadfile

## make eval: score `kg extract` on the seeds against the gold annotations.
eval: install
	@mkdir -p build
	$(BIN)/kg extract seeds/*.txt --format jsonl > build/seeds.jsonl
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/gold/seeds build/seeds.jsonl

## make eval-heldout / eval-blind: the same on tests/fixtures/heldout (tuned on) or tests/fixtures/blind (not).
eval-heldout eval-blind: eval-%: install
	@rm -rf build/gold-$* && mkdir -p build/gold-$*
	cp tests/fixtures/$*/*.json build/gold-$*/
	$(BIN)/kg extract tests/fixtures/$*/*.txt --format jsonl > build/$*.jsonl
	$(BIN)/python $(SHARED)/eval/score.py build/gold-$* build/$*.jsonl

clean:
	rm -rf $(VENV) build $(STORE) .pytest_cache

## make bench: throughput against jieba baselines and canned-query timings (prints figures; see bench/RESULTS.md).
bench: install-dev
	$(BIN)/python bench/throughput.py --sizes 1000
	$(BIN)/python bench/queries.py
