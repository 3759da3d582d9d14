# Every target sets itself up on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8000

.PHONY: site site-tools test test-tools npm-assets serve bench lighthouse ingest extract check golden clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# npm packages from package-lock.json: plotly.js's sources and esbuild, from
# which scripts/build-plotly.mjs builds the plotly.js the site serves (only the
# chart types and parts the charts use), and the checkers the browser tests run
# (axe-core, vnu-jar, lighthouse).
NPM_STAMP   := node_modules/.ci-stamp
PLOTLY_JS   := node_modules/.fuling/plotly.min.js
# Debian packages the browser tests need (chromium, fonts-noto-cjk, java, npm).
TOOLS_STAMP := .cache/test-tools-stamp

$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(PLOTLY_JS): $(NPM_STAMP) scripts/build-plotly.mjs
	node scripts/build-plotly.mjs

$(TOOLS_STAMP): scripts/setup-test-tools.sh
	bash scripts/setup-test-tools.sh
	mkdir -p $(@D) && touch $@

# The site gets its small plotly.js when npm is there; npm is not required to
# build (without it the site serves plotly.py's full bundle).
npm-assets:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(PLOTLY_JS); \
	else echo "npm not found: building with plotly.py's full plotly.js bundle"; fi

test-tools: $(TOOLS_STAMP) $(PLOTLY_JS)

# What the build needs to draw the chart pictures (Chromium, Chinese fonts):
# installed with apt-get when missing and possible, else one line says what to
# run. Checked on every run (no stamp: it takes milliseconds, and a build
# without pictures is a lesser site). FULING_CHART_PREVIEWS=0 skips it.
site-tools:
	@bash scripts/setup-test-tools.sh --site

site: $(STAMP) site-tools npm-assets
	$(BIN)/python build.py build
	@echo "Site written to $(CURDIR)/site/ - open site/index.html, or run 'make serve' and visit http://127.0.0.1:$(PORT)/"

# Set-up first (tools before npm ci: the tools step installs npm if missing).
test: $(STAMP) test-tools
	$(BIN)/python -m pytest

serve: $(STAMP) site-tools
	$(BIN)/python build.py serve --port $(PORT)

# Build speed against Pelican 4.12 (bench/README.md); BENCH_ARGS=--quick for a short run.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Lighthouse mobile scores of four pages (bench/README.md); LIGHTHOUSE_ARGS=--update-readme to record them.
lighthouse: $(STAMP) test-tools
	$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

ingest: $(STAMP)
	$(BIN)/python build.py ingest

extract: $(STAMP)
	$(BIN)/python build.py extract

check: $(STAMP)
	$(BIN)/python build.py check

# Rewrite the golden build (tests/golden/mini/) from the mini fixture: only on purpose;
# review its diff like code (tests/golden.py).
golden: $(STAMP) test-tools
	$(BIN)/python tests/golden.py --update

clean:
	rm -rf site .venv node_modules
