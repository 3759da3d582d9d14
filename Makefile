# Every target sets itself up on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8000

.PHONY: site test serve ingest extract check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(STAMP)
	$(BIN)/python build.py build
	@echo "Site written to $(CURDIR)/site/ - open site/index.html, or run 'make serve' and visit http://127.0.0.1:$(PORT)/"

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/python build.py serve --port $(PORT)

ingest: $(STAMP)
	$(BIN)/python build.py ingest

extract: $(STAMP)
	$(BIN)/python build.py extract

check: $(STAMP)
	$(BIN)/python build.py check

clean:
	rm -rf site .venv node_modules
