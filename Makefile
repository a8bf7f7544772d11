# cloudcredit — the two commands a newcomer needs:
#   make demo   set everything up, crawl the bundled replica sites, analyze, score, pack, serve Datasette
#   make test   set everything up and run the whole test suite (what CI runs)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system venv test lint demo clean

setup: system venv

# Debian packages the project needs: Chromium for JS-rendered sites and browser tests, Redis for scale-out,
# CJK fonts so screenshots and charts render Chinese. Installed only where missing.
system:
	@bash scripts/system-packages.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip uninstall -q -y opencc-python-reimplemented 2>/dev/null || true  # replaced by the compiled opencc
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

lint: venv
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/pytest -q

demo: setup
	$(BIN)/python -m cloudcredit.demo

clean:
	rm -rf $(VENV) data/*.db data/warc data/packs
