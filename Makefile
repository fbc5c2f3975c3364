# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= out/kg-store

.PHONY: demo test check lint install browser screenshot clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(BIN)/kg

install: $(BIN)/kg

demo: install
	@mkdir -p out
	$(BIN)/kg build seeds/ --store $(STORE)
	$(BIN)/kg render --store $(STORE) --output out/graph.html --force
	@echo "What did Peskov say?"
	@$(BIN)/kg query who-said-what --store $(STORE) --param entity=Peskov
	@echo "Explore it in a browser: $(BIN)/kg serve --store $(STORE), then open http://127.0.0.1:7878/"

# Chromium for tests/test_browser.py, from apt when missing (see .ci/chromium).
browser:
	@bash .ci/chromium

# Style and types first (fast), then the whole suite.
lint: install
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench
	$(BIN)/mypy

test: lint browser
	$(BIN)/python -m pytest -q

# The fast loop: lint and the unit tests, without the tests marked slow.
check: lint
	$(BIN)/python -m pytest -q -m "not slow"

# The README's pictures: the seed graph, and each page of the explorer, in headless Chromium.
screenshot: install browser
	@mkdir -p out docs
	$(BIN)/kg build seeds/ --store $(STORE) --quiet
	$(BIN)/kg render --store $(STORE) --output out/seed-graph.html --force
	$(BIN)/python -m tests.browser out/seed-graph.html docs/seed-graph.png 1600 1000
	$(BIN)/python -m tests.screenshots $(STORE) docs/screenshots

clean:
	rm -rf out .pytest_cache
