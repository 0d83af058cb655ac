# Two commands do all set-up on a fresh machine:
#   make run   create .venv, install, serve the workbook on http://127.0.0.1:$(PORT)/
#   make test  install what the tests need (Chromium and poppler from Debian, axe-core from npm)
#              and run them all, generated tests at full strength
#   make test-fast  ruff and the unit tests not marked slow: the loop to run while working
#   make exports  every module's PDF, facilitator handbook, HTML, worksheets and slides into build/
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast lint check notebooks browser-deps exports vendor-reveal clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip >/dev/null

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e . && touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e ".[test]" && touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/workbook check
	$(BIN)/workbook serve --port=$(PORT)

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

/usr/bin/pdftotext:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq poppler-utils

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

browser-deps: /usr/bin/chromium /usr/bin/pdftotext node_modules/axe-core/axe.min.js

exports: $(VENV)/.installed-test /usr/bin/chromium
	$(BIN)/workbook export --all -o build

# reveal.js for the slides ships inside the package (workbook/export/reveal/), copied from npm.
REVEAL_FILES := dist/reveal.js dist/reveal.css dist/plugin/notes.js LICENSE
vendor-reveal: node_modules/axe-core/axe.min.js
	cd node_modules/reveal.js && cp $(REVEAL_FILES) ../../workbook/export/reveal/

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

check: $(VENV)/.installed
	$(BIN)/workbook check
	$(BIN)/workbook notebooks --check

notebooks: $(VENV)/.installed
	$(BIN)/workbook notebooks

test: $(VENV)/.installed-test browser-deps lint check
	$(BIN)/pytest --hypothesis-profile=ci

test-fast: lint
	$(BIN)/pytest tests/unit -m "not slow" -q

clean:
	rm -rf $(VENV) node_modules .pytest_cache build
