# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= out/kg-store

.PHONY: demo test install clean

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

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf out .pytest_cache
