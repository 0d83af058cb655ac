# Two commands do all set-up on a fresh machine:
#   make run   create .venv, install, serve the workbook on http://127.0.0.1:$(PORT)/
#   make deploy-local  the same through nginx, in front of $(SERVERS) servers (docs/deploying.md)
#   make static  the static edition: every page in one folder (static-site/, and static-site.zip to
#              use offline) for any static web server, Python in the reader's browser; make serve-static
#              serves it on http://127.0.0.1:$(STATIC_PORT)/ (docs/static-edition.md)
#   make deploy-hub  a workshop under JupyterHub: WORKBOOK_HUB_PASSWORD=... WORKBOOK_EDITION=my-group
#              make deploy-hub, one workbook server per participant (deploy/jupyterhub/, docs/deploying.md)
#   make test  install what the tests need (Chromium and poppler from Debian, axe-core and esbuild from npm)
#              and run them all, generated tests at full strength
#   make test-fast  ruff and the unit tests not marked slow: the loop to run while working
#   make exports  every module's PDF, facilitator handbook, HTML, worksheets and slides into build/
#   make screenshots  every exercise kind at 1280 and 375 px into docs/screenshots/ and docs/screenshots.md
# A trainer's edition (workbook edition new my-group): WORKBOOK_EDITION=my-group make run (or make check)
# serves and checks it instead of content/ and notebooks/ (docs/trainers.md, "Your own edition").
# Both install the exact versions in constraints.txt. To try newer releases (docs/dependencies.md):
#   make try-latest   the newest versions pyproject.toml allows, in $(LATEST), with the unit tests
#   make constraints FROM=$(LATEST)   then pin what passed
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
SERVERS ?= 2
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
LATEST ?= .venv-latest
HUB_DIR ?= .hub
FROM   ?= $(VENV)

.PHONY: run deploy-local deploy-hub static static-deps serve-static test test-fast lint check notebooks browser-deps server-deps exports screenshots vendor-reveal constraints try-latest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip >/dev/null

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -c constraints.txt -e . && touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -c constraints.txt -e ".[test]" && touch $@ $(VENV)/.installed

# Pin every package installed in $(FROM) (a venv whose tests pass) into constraints.txt.
constraints:
	@test -x $(FROM)/bin/pip || { echo "$(FROM) has no pip: make test (or make try-latest) first"; exit 1; }
	{ echo "# Exact versions that 'make run' and 'make test' install (pip install -c constraints.txt ...)."; \
	  echo "# Generated from a venv whose tests passed ($$($(FROM)/bin/python -V)), by:"; \
	  echo "#   make constraints FROM=<venv>   which runs: <venv>/bin/pip freeze --exclude-editable"; \
	  echo "# Do not edit by hand; see docs/dependencies.md."; \
	  $(FROM)/bin/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# The newest releases pyproject.toml allows, in a venv of their own, against the unit tests.
try-latest: node_modules/axe-core/axe.min.js
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --upgrade pip >/dev/null
	$(LATEST)/bin/pip install --upgrade --upgrade-strategy eager -e ".[test]"
	$(LATEST)/bin/pip freeze --exclude-editable | diff constraints.txt - | grep '^[<>] [^#]' || true
	$(LATEST)/bin/pytest tests/unit -q -p no:cacheprovider

run: $(VENV)/.installed
	$(BIN)/workbook check
	$(BIN)/workbook serve --port=$(PORT)

# $(SERVERS) servers behind nginx on http://127.0.0.1:$(PORT)/ (deploy/nginx/); Ctrl-C stops them all.
deploy-local: $(VENV)/.installed /usr/sbin/nginx
	$(BIN)/workbook check
	$(BIN)/workbook deploy-local --servers $(SERVERS) --port $(PORT)

# A workshop under JupyterHub on http://127.0.0.1:8000/ (deploy/jupyterhub/jupyterhub_config.py says
# which variables it reads); the Hub's database, home folders and sockets go in $(HUB_DIR).
deploy-hub: $(VENV)/.installed-test node_modules/.bin/configurable-http-proxy
	@test -n "$$WORKBOOK_HUB_PASSWORD" || { echo "Set WORKBOOK_HUB_PASSWORD (8 characters or more)"; exit 1; }
	$(BIN)/workbook check
	mkdir -p $(HUB_DIR)
	cd $(HUB_DIR) && WORKBOOK_HUB_DIR="$$PWD" PATH="$(abspath $(BIN)):$$PATH" \
	  $(abspath $(BIN))/jupyterhub -f $(abspath deploy/jupyterhub/jupyterhub_config.py)

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

/usr/bin/pdftotext:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq poppler-utils

# Word (DOCX) exports for trainers: `workbook export MODULE --to docx`.
/usr/bin/pandoc:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq pandoc

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# configurable-http-proxy, JupyterHub's proxy, comes from the same package.json.
node_modules/.bin/configurable-http-proxy: node_modules/axe-core/axe.min.js

# esbuild and the noble libraries bundle the static edition's cryptography stand-in
# (workbook/static_edition/bundle_crypto.py), and Pyodide's core runs its Python; also from the
# same package.json.
node_modules/.bin/esbuild: node_modules/axe-core/axe.min.js
node_modules/pyodide/pyodide.asm.wasm: node_modules/axe-core/axe.min.js

# The static edition (docs/static-edition.md): Voici and the Pyodide kernel build it, in their own
# venv (their pins differ from the served edition's); Pyodide's core comes from npm at build time.
STATIC_VENV ?= .venv-static
STATIC_SITE ?= static-site
STATIC_PORT ?= 8867
$(STATIC_VENV)/.installed: workbook/static_edition/requirements.txt
	$(PYTHON) -m venv $(STATIC_VENV)
	$(STATIC_VENV)/bin/pip install -q -r workbook/static_edition/requirements.txt && touch $@

static-deps: $(STATIC_VENV)/.installed node_modules/.bin/esbuild node_modules/pyodide/pyodide.asm.wasm

static: $(VENV)/.installed static-deps
	$(BIN)/workbook build-static -o $(STATIC_SITE) --tools-python $(STATIC_VENV)/bin/python \
		--zip $(STATIC_SITE).zip
	@echo "Serve it with: make serve-static (http://127.0.0.1:$(STATIC_PORT)/), or any static web server"

serve-static: $(VENV)/.installed
	@test -f $(STATIC_SITE)/index.html || $(MAKE) static
	$(BIN)/workbook serve-static $(STATIC_SITE) --port $(STATIC_PORT)

# PostgreSQL for the survey's tests on it (tests/components.py starts a throwaway cluster).
/usr/bin/pg_ctlcluster:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq postgresql

# nginx for several servers on one machine (make deploy-local) and its tests (tests/deploy/).
/usr/sbin/nginx:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq nginx-light

browser-deps: /usr/bin/chromium /usr/bin/pdftotext /usr/bin/pandoc node_modules/axe-core/axe.min.js

server-deps: /usr/bin/pg_ctlcluster /usr/sbin/nginx node_modules/.bin/configurable-http-proxy

exports: $(VENV)/.installed-test /usr/bin/chromium /usr/bin/pandoc
	$(BIN)/workbook export --all -o build

# Shots of each exercise kind from a real server (scripts/screenshots.py), and of a notebook adapted
# in JupyterLab for docs/trainers.md (scripts/trainer_screenshots.py); commit what changes.
screenshots: $(VENV)/.installed /usr/bin/chromium
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/trainer_screenshots.py

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

test: $(VENV)/.installed-test browser-deps server-deps static-deps lint check
	$(BIN)/pytest --hypothesis-profile=ci

test-fast: lint
	$(BIN)/pytest tests/unit -m "not slow" -q -n 2

clean:
	rm -rf $(VENV) $(LATEST) $(STATIC_VENV) $(STATIC_SITE) $(STATIC_SITE).zip .static-cache node_modules .pytest_cache build
