# Two commands: `make serve` and `make test`. Both create .venv and install the kit into it when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve lab test lint facts clean

serve: $(STAMP)
	$(BIN)/kit serve $(ARGS)

lab: $(STAMP)
	$(BIN)/kit lab $(ARGS)

test: $(STAMP) lint
	$(BIN)/kit facts
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

facts: $(STAMP)
	$(BIN)/kit facts

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.12 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# The distribution was called `kit` before it became meta-ai-workshop-kit: a .venv made then holds both.
	$(BIN)/python -m pip uninstall --quiet --yes kit 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache
