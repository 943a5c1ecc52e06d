# dspt-qgis: every target sets up what it needs (Debian packages, then a venv).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= ../shared/data
EDITION ?= 20/21
GEOGRAPHY ?= native
OUT ?= out
DOWNLOAD ?= downloads
export QT_QPA_PLATFORM := offscreen
export XDG_RUNTIME_DIR := /tmp/runtime-$(shell id -u)

.PHONY: setup test test-matrix demo data package repository translations screenshots docs bench lint qt6check clean

## setup: install QGIS from Debian (if missing), create the venv, install the checkout (idempotent)
setup: $(VENV)/.installed build/.editable tests/js/node_modules/.package-lock.json

$(VENV)/.installed: requirements-dev.txt scripts/install_system_packages.sh
	@scripts/install_system_packages.sh
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# The browser tests' checkers (axe-core, html-validate) from npm, pinned by the lock file;
# never part of the report or the plugin.
tests/js/node_modules/.package-lock.json: tests/js/package.json tests/js/package-lock.json $(VENV)/.installed
	@npm ci --prefix tests/js --no-audit --no-fund --loglevel=error

# PyQt6 (pinned) in a venv of its own: its type stubs for `make lint`'s PyQt6 check and the
# tests of that check, its enums for `make qt6check`.
.venv-qt6/.installed: requirements-qt6.txt
	@test -x .venv-qt6/bin/python || /usr/bin/python3 -m venv .venv-qt6
	@.venv-qt6/bin/python -m pip install -q --disable-pip-version-check -r requirements-qt6.txt
	@touch $@

# The checkout installed into the venv (editable), for the dspt-report command and imports
# from any folder; a new module is picked up without reinstalling.
build/.editable: $(VENV)/.installed pyproject.toml
	@$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@mkdir -p build && touch $@

## test: the whole suite on this machine's QGIS (3.22); QGIS=3.40 or QGIS=3.44: the
## QGIS-facing tests in a Debian 13 / unstable root with that QGIS (built and cached once)
## (TEST_WORKERS=auto: one pytest-xdist worker per core; TEST_WORKERS=0: in this process)
QGIS ?=
TEST_WORKERS ?= auto
export TEST_WORKERS
test: setup .venv-qt6/.installed
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
ifeq ($(filter-out 3.22,$(QGIS)),)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal
else
	scripts/test_in_root.sh $(QGIS)
endif

## test-matrix: every QGIS the plugin is tested on: 3.22 here, 3.40 LTR and 3.44 in their roots
test-matrix:
	$(MAKE) test
	$(MAKE) test QGIS=3.40
	$(MAKE) test QGIS=3.44

## demo: the whole method on the sample data (DATA=..., EDITION=20/21, 21/22 or 22/23; GEOGRAPHY=2026: on the April 2026 ICBs)
demo: setup
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) -m scripts.demo --data "$(DATA)" --edition "$(EDITION)" --geography "$(GEOGRAPHY)" --out "$(OUT)"

## data: download the official ONS boundaries and DSPT export into DOWNLOAD (checksums recorded)
data: setup
	$(PY) -m scripts.fetch_data --data "$(DOWNLOAD)"

## package: dist/dspt_qgis.<version>.zip with qgis-plugin-ci (only what runs)
package: setup
	$(PY) -m scripts.package_plugin

## repository: an organisation's plugin repository, a folder to serve as it is (plugins.xml, the zip, the
## icon), from committed files: URL=the address it will be served at (REPOSITORY=dist/repository;
## ALLOW_DOWNGRADE=1: publish a version older than the one listed)
URL ?=
REPOSITORY ?= dist/repository
ALLOW_DOWNGRADE ?=
repository: setup
	$(PY) -m scripts.plugin_repository --url "$(URL)" --into "$(REPOSITORY)" \
		$(if $(filter 1,$(ALLOW_DOWNGRADE)),--allow-downgrade)

## translations: update the .ts skeleton from every tr() / QT_TRANSLATE_NOOP string
## (PyQt6's pylupdate6 reads the code as Python; pylupdate5 misses calls ending in a comma)
translations: setup
	mkdir -p dspt_qgis/i18n
	pylupdate6 --no-obsolete --no-summary dspt_qgis processing_algs --ts dspt_qgis/i18n/dspt_qgis_en.ts

## screenshots: QGIS desktop under Xvfb, release zip installed: toolbox, a dialog and its Log, the demo project; the web report in Chromium
## (the README's and the documentation tutorial's pictures, in docs/images)
screenshots: demo
	scripts/qgis_desktop_check.sh $(OUT)/desktop "$(DATA)/dspt/2020_21/curated_dspt_20220208.csv" $(OUT)/dspt_demo.qgz
	cp $(OUT)/desktop/qgis_toolbox.png $(OUT)/desktop/qgis_dialog_parameters.png $(OUT)/desktop/qgis_dialog_log.png $(OUT)/desktop/qgis_demo_project.png docs/images/
	$(PY) -m scripts.web_screenshots $(OUT)/site/index.html $(OUT)/web
	cp $(OUT)/web/web_individual.png $(OUT)/web/web_proportions.png $(OUT)/web/web_composite.png docs/images/

## docs: the documentation site in $(DOCS)/html (open index.html): a page per algorithm from its
## own declarations (QGIS headless), the tutorial, the method, the errors, the changelog
DOCS ?= build/docs
docs: setup
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) -m scripts.docs --out "$(DOCS)"

## bench: benchmarks at national and register scale -> bench/results.md, what verified writes cost against the code before them -> bench/readback.md, and what the gains cost on top of the composite -> bench/gains.md (several minutes)
bench: setup
	$(PY) -m bench.run
	$(PY) -m bench.readback
	$(PY) -m bench.gains

## qt6check: QGIS's own Qt5 -> Qt6 checker over the shipped plugin (QGIS_CHECKER=<QGIS source>/scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py)
QGIS_CHECKER ?=
qt6check: setup .venv-qt6/.installed
	$(PY) -m scripts.qt6check --checker "$(QGIS_CHECKER)" --python .venv-qt6/bin/python

## lint: ruff (rules and format), flake8-qgis, the import contracts and types over the package,
## the Qt-facing code's types against PyQt6's stubs (as QGIS 4 runs it), the size rule, bandit
lint: setup .venv-qt6/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/flake8 .
	$(PY) -m scripts.check_package
	$(PY) -m scripts.check_qt6_types
	$(PY) -m scripts.check_sizes
	$(VENV)/bin/bandit -q -r core processing_algs dspt_qgis

clean:
	rm -rf $(OUT) build dist .pytest_cache
