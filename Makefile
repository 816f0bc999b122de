# The two commands a newcomer needs: `make site` and `make test`. Both install what they use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast lint clean

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/mkdocs
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## site: build the archive from corpus/ into site/ (fails on any corpus problem)
site: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict

## serve: preview at http://127.0.0.1:8000 with live reload
serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve

# axe-core, the accessibility checker the browser tests inject into pages (tests/test_browser_accessibility.py).
# Offline, npm fails and those tests are skipped (in CI, where .ci/run installs it, they fail instead).
AXE := tests/.axe/node_modules/axe-core/axe.min.js
$(AXE):
	-npm install --prefix tests/.axe --no-audit --no-fund --silent axe-core@4

## test: the whole suite, browser tests included (needs Debian's chromium and npm: see README), one module per core
test: $(VENV)/.test-deps $(AXE)
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

## test-fast: the suite without the browser and the slow tests, for use while editing
test-fast: $(VENV)/.test-deps
	PROPERTY_EXAMPLES=300 $(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder -m "not browser and not slow"

lint: $(VENV)/.test-deps
	$(BIN)/ruff check plugins tests bench

clean:
	rm -rf site .cache
