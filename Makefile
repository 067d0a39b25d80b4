# One entry point for the course. `make book` and `make test` are all a fresh machine needs.
#   make setup     create .venv and install the pinned stack and lib (editable)
#   make book      build the site into _build/html from the stored notebook outputs
#   make unit      the fast inner loop (about a minute): lint, lib's unit tests, static notebook checks
#   make test      lint, lib unit tests, notebook checks, strict book build, nbval on every chapter
#   make execute   re-run every chapter and store its outputs (then commit the .ipynb files)
#   make sync      pair book/*.py and book/*.ipynb (the .py is the one you edit)
#   make bench     time each chapter, each model's training per epoch, and chapter 5's denoisers
#   make lab       open the chapters in JupyterLab
# FRESH=1 (with test or execute) ignores the model cache: every model is trained again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHAPTERS := $(sort $(wildcard book/[0-9][0-9]_*.ipynb))
ifdef FRESH
export COURSE_MODEL_CACHE := $(shell mktemp -d)
endif

.PHONY: setup book lint unit test execute sync bench lab clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

book: $(STAMP)
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going
	@echo "The site is in _build/html/index.html"

# Ruff lints lib, tests, tools and the chapters, and checks the formatting of lib, tests and
# tools (the chapters' line breaks are part of the page); settings in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check lib tests tools

# Everything that runs without executing a chapter or building the site.
unit: lint
	$(BIN)/python -m pytest tests --ignore=tests/test_book.py --ignore=tests/test_browser.py

# One pytest run: lib's unit tests, the notebook and pin checks, a strict build of the site
# (tests/test_book.py), then nbval re-executing every chapter in order and comparing outputs.
test: lint
	$(BIN)/python -m pytest tests $(CHAPTERS) --nbval --nbval-current-env --nbval-cell-timeout=1800

execute: $(STAMP) sync
	for notebook in $(CHAPTERS); do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=1800 "$$notebook" || exit 1; \
	done

sync: $(STAMP)
	$(BIN)/jupytext --sync book/[0-9][0-9]_*.py

bench: $(STAMP)
	$(BIN)/python tools/bench.py $(CHAPTERS)

lab: $(STAMP)
	$(BIN)/jupyter lab book/

clean:
	rm -rf _build .cache
